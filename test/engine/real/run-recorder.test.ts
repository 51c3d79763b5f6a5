import { describe, expect, it } from 'vitest';
import { MAX_HANDOFF_INSTANTS } from '../../../src/engine/real/gil-takes.js';
import { MAX_TRANSITIONS_PER_LANE, RunRecorder } from '../../../src/engine/real/run-recorder.js';
import type { Lane } from '../../../src/engine/trace.js';

const lanes: Lane[] = [
  { id: 0, name: 'a', group: 'pool', arrivalUs: 0 },
  { id: 1, name: 'b', group: 'pool', arrivalUs: 0 },
];

describe('RunRecorder', () => {
  it('orders reports that arrive out of order and closes the open span at "now"', () => {
    const recorder = new RunRecorder(lanes, () => 0);
    recorder.mark(0, 'ready', 0);
    recorder.mark(0, 'io', 300);
    recorder.mark(0, 'running', 100); // sent before the io report, delivered after it
    expect(recorder.snapshot(500).spans).toEqual([
      { lane: 0, state: 'ready', startUs: 0, endUs: 100 },
      { lane: 0, state: 'running', startUs: 100, endUs: 300 },
      { lane: 0, state: 'io', startUs: 300, endUs: 500 },
    ]);
    recorder.close();
  });

  it('draws a computing lane up to its last progress report: a stalled task stops growing', () => {
    const recorder = new RunRecorder(lanes, () => 0);
    recorder.mark(0, 'running', 100);
    recorder.progress(0, 400);
    recorder.mark(1, 'io', 100); // waiting goes on until now
    expect(recorder.snapshot(1_000).spans).toEqual([
      { lane: 0, state: 'running', startUs: 100, endUs: 400 },
      { lane: 1, state: 'io', startUs: 100, endUs: 1_000 },
    ]);
    recorder.finish(0, 'done', 900);
    expect(recorder.snapshot(1_000).spans.filter((s) => s.lane === 0).map((s) => [s.state, s.endUs])).toEqual([
      ['running', 900],
      ['done', 900],
    ]);
    recorder.close();
  });

  it('ends a lane with a zero-length marker and ignores what is reported after it', () => {
    const recorder = new RunRecorder(lanes, () => 0);
    recorder.mark(1, 'running', 10);
    recorder.mark(1, 'running', 20); // a repeated state merges
    recorder.finish(1, 'failed', 50, 'boom');
    recorder.mark(1, 'io', 60);
    const { spans, errors } = recorder.snapshot(100);
    expect(spans).toEqual([
      { lane: 1, state: 'running', startUs: 10, endUs: 50 },
      { lane: 1, state: 'failed', startUs: 50, endUs: 50 },
    ]);
    expect(errors.get(1)).toBe('boom');
    expect(recorder.isFinished(1)).toBe(true);
    recorder.close();
  });

  it('counts GIL hand-offs exactly however the takes arrive, keeping the instants bounded', () => {
    const recorder = new RunRecorder(lanes, () => 0);
    // 100,000 takes alternating between the lanes, delivered in pairs swapped (out of order).
    for (let i = 0; i < 100_000; i += 2) {
      recorder.gil((i + 1) % 2, (i + 1) * 10);
      recorder.gil(i % 2, i * 10);
    }
    const { gilHandoffs, instants } = recorder.snapshot(2_000_000);
    expect(gilHandoffs).toBe(99_999);
    expect(instants.length).toBeLessThanOrEqual(MAX_HANDOFF_INSTANTS * 2);
    expect(instants.at(-1)).toEqual({ kind: 'gil-handoff', atUs: 999_990, lane: 1 });
    recorder.close();
  });

  it('counts a GIL hand-off each time the taker changes, in time order', () => {
    const recorder = new RunRecorder(lanes, () => 0);
    for (const [lane, atUs] of [[0, 0], [1, 5_000], [0, 3_000], [0, 9_000], [1, 12_000]] as const) recorder.gil(lane, atUs);
    const { instants, gilHandoffs } = recorder.snapshot(20_000);
    // Takes in time order: 0@0, 0@3000, 1@5000, 0@9000, 1@12000 → three changes.
    expect(gilHandoffs).toBe(3);
    expect(instants.map((i) => [i.lane, i.atUs])).toEqual([[1, 5_000], [0, 9_000], [1, 12_000]]);
    recorder.close();
  });

  it('keeps an hour of GIL hand-offs bounded: old history coarsens, the lane stays covered', () => {
    const recorder = new RunRecorder(lanes, () => 0);
    const states = ['running', 'gil-wait'] as const;
    for (let i = 0; i < 200_000; i++) recorder.mark(0, states[i % 2]!, i * 5_000);
    const { spans } = recorder.snapshot(1_000_000_000);
    expect(spans.length).toBeLessThanOrEqual(MAX_TRANSITIONS_PER_LANE);
    expect(spans[0]!.startUs).toBe(0);
    expect(spans.at(-1)!.endUs).toBe(1_000_000_000);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.startUs).toBe(spans[i - 1]!.endUs);
    // Bucketing keeps each state's total exact: half the time running, half waiting for the GIL.
    const total = (state: string) => spans.filter((s) => s.state === state).reduce((sum, s) => sum + s.endUs - s.startUs, 0);
    expect(total('running')).toBe(500_000_000);
    expect(total('gil-wait')).toBe(500_000_000);
    recorder.close();
  });
});
