import { describe, expect, it } from 'vitest';
import { NO_LAYERS, PARAMS, SCENARIOS, stepLadder } from '../../../src/engine/index.js';
import { initialModel, PLAYBACK_SECONDS, type Model } from '../../../src/ui/state/model.js';
import { update } from '../../../src/ui/state/update.js';

const model = (): Model => initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads'], speed: 1 });

describe('dashboard reducer', () => {
  it('steps the time slice along the ladder, within its ends', () => {
    expect(update(model(), { type: 'quantum', direction: 1 }).params.quantumUs).toBe(5_000);
    expect(update(model(), { type: 'quantum', direction: -1 }).params.quantumUs).toBe(2_000);
    // The ladder spans the schema's range (it used to stop at 50 µs and 500 ms, its own range).
    const { ladder } = PARAMS.quantum.steps;
    const { minUs, maxUs } = PARAMS.quantum.value;
    expect(stepLadder(ladder, maxUs, 1)).toBe(maxUs);
    expect(stepLadder(ladder, minUs, -1)).toBe(minUs);
    expect(stepLadder(ladder, 3_000, 1)).toBe(4_000);
  });

  it('steps a time slice set outside the round values (--quantum 1.5s) up to the maximum and back down', () => {
    const { ladder } = PARAMS.quantum.steps;
    let m = initialModel({ scenario: 'count', layers: { ...NO_LAYERS, flags: { quantumUs: 1_500_000 } }, strategies: ['sequential'], speed: 1 });
    m = update(m, { type: 'quantum', direction: 1 });
    expect(m.params.quantumUs).toBe(2_000_000);
    for (let i = 0; i < ladder.length; i++) m = update(m, { type: 'quantum', direction: 1 });
    expect(m.params.quantumUs).toBe(PARAMS.quantum.value.maxUs);
    expect(update(m, { type: 'quantum', direction: -1 }).params.quantumUs).toBe(50_000_000_000);
  });

  it('cycles the GIL and clears the preset it no longer matches', () => {
    const preset = update(model(), { type: 'cycle-interpreter' });
    expect(preset.interpreter).toBe('cpython-3.12');
    const cycled = update(preset, { type: 'cycle-gil' });
    expect(cycled.params.gil).toBe('old');
    expect(cycled.interpreter).toBeNull();
    expect(update(cycled, { type: 'cycle-gil' }).params.gil).toBe('none');
  });

  it('applies an interpreter preset: 3.13t has no GIL and runs 1.4× slower', () => {
    const m = update(update(model(), { type: 'cycle-interpreter' }), { type: 'cycle-interpreter' });
    expect(m.interpreter).toBe('cpython-3.13t');
    expect(m.params).toMatchObject({ gil: 'none', cpuScalePermille: 1_400 });
  });

  it('changes cores (workers follow) between 1 and the limit', () => {
    let m = update(model(), { type: 'cores', direction: -1 });
    expect(m.params).toMatchObject({ cores: 1, workers: 1 });
    m = update(m, { type: 'cores', direction: -1 });
    expect(m.params.cores).toBe(1);
  });

  it('switches scenario with its own parameters and restarts playback', () => {
    const playing = { ...model(), playheadUs: 5_000 };
    const juggle = update(playing, { type: 'scenario', index: 4 });
    expect(juggle).toMatchObject({ scenario: SCENARIOS[4]!.name, playheadUs: 0, params: { cores: 1 } });
    expect(update(playing, { type: 'scenario', index: 1 })).toEqual({ ...playing, notice: 'count is on screen already (0 replays it)' });
  });

  it('plays the longest run in PLAYBACK_SECONDS at speed 1, and stops at the end', () => {
    const endUs = 8_000_000;
    const oneSecond = update(model(), { type: 'tick', dtMs: 1_000, endUs });
    expect(oneSecond.playheadUs).toBe(endUs / PLAYBACK_SECONDS);
    const atEnd = update({ ...model(), playheadUs: endUs - 1 }, { type: 'tick', dtMs: 1_000, endUs });
    expect(atEnd.playheadUs).toBe(endUs);
    expect(update({ ...model(), paused: true }, { type: 'tick', dtMs: 1_000, endUs }).playheadUs).toBe(0);
  });

  it('steps one hundredth of the run and pauses', () => {
    const stepped = update(model(), { type: 'timeline', move: 'step-forward', endUs: 1_000_000, viewEndUs: 1_000_000 });
    expect(stepped).toMatchObject({ paused: true, playheadUs: 10_000 });
  });

  it('cycles views with Tab: emulated, real, side by side, per core, tasks', () => {
    const views = [];
    let m = model();
    for (let i = 0; i < 5; i++) views.push((m = update(m, { type: 'next-view' })).view);
    expect(views).toEqual(['real', 'side-by-side', 'per-core', 'tasks', 'emulated']);
  });
});
