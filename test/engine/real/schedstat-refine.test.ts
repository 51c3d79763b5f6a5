import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SchedSample } from '../../../src/engine/real/procfs.js';
import { refineWithSchedstat } from '../../../src/engine/real/schedstat-refine.js';
import type { Span, SpanState } from '../../../src/engine/trace.js';

/** Samples for one lane from [atUs, runQueueNs] pairs; the other counters do not matter here. */
function samples(...points: Array<[number, number]>): SchedSample[] {
  return points.map(([atUs, runQueueNs]) => ({ atUs, runQueueNs, onCpuNs: 0, timeslices: 0 }));
}

function lane0(...points: Array<[number, number]>): Map<number, SchedSample[]> {
  return new Map([[0, samples(...points)]]);
}

describe('refineWithSchedstat', () => {
  it('leaves a running span unchanged when the thread never waited', () => {
    const spans: Span[] = [{ lane: 0, state: 'running', startUs: 0, endUs: 1000, core: 1 }];
    expect(refineWithSchedstat(spans, lane0([0, 0], [1000, 0]))).toEqual(spans);
  });

  it('half a window in the run queue becomes a ready half, then running on the same core', () => {
    const spans: Span[] = [{ lane: 0, state: 'running', startUs: 0, endUs: 1000, core: 1 }];
    expect(refineWithSchedstat(spans, lane0([0, 0], [1000, 500_000]))).toEqual([
      { lane: 0, state: 'ready', startUs: 0, endUs: 500 },
      { lane: 0, state: 'running', startUs: 500, endUs: 1000, core: 1 },
    ]);
  });

  it('splits only the part of a span that a window overlaps', () => {
    const spans: Span[] = [{ lane: 0, state: 'running', startUs: 0, endUs: 1000 }];
    // Window 500–1500 waits half its length; it overlaps the span for 500 µs → 250 µs ready.
    expect(refineWithSchedstat(spans, lane0([500, 0], [1500, 500_000]))).toEqual([
      { lane: 0, state: 'running', startUs: 0, endUs: 500 },
      { lane: 0, state: 'ready', startUs: 500, endUs: 750 },
      { lane: 0, state: 'running', startUs: 750, endUs: 1000 },
    ]);
  });

  it('merges a new ready part into the ready span just before it', () => {
    const spans: Span[] = [
      { lane: 0, state: 'ready', startUs: 0, endUs: 200 },
      { lane: 0, state: 'running', startUs: 200, endUs: 1000, core: 0 },
    ];
    expect(refineWithSchedstat(spans, lane0([200, 0], [1000, 400_000]))).toEqual([
      { lane: 0, state: 'ready', startUs: 0, endUs: 600 },
      { lane: 0, state: 'running', startUs: 600, endUs: 1000, core: 0 },
    ]);
  });

  it('merges running remainders of consecutive windows on the same core', () => {
    const spans: Span[] = [{ lane: 0, state: 'running', startUs: 0, endUs: 2000, core: 3 }];
    expect(refineWithSchedstat(spans, lane0([0, 0], [1000, 250_000], [2000, 250_000]))).toEqual([
      { lane: 0, state: 'ready', startUs: 0, endUs: 250 },
      { lane: 0, state: 'running', startUs: 250, endUs: 2000, core: 3 },
    ]);
  });

  it('caps the ready part at the whole overlap when the wait exceeds the window', () => {
    const spans: Span[] = [{ lane: 0, state: 'running', startUs: 0, endUs: 100 }];
    expect(refineWithSchedstat(spans, lane0([0, 0], [100, 5_000_000]))).toEqual([{ lane: 0, state: 'ready', startUs: 0, endUs: 100 }]);
  });

  it('passes io spans and terminal markers through untouched', () => {
    const spans: Span[] = [
      { lane: 0, state: 'io', startUs: 0, endUs: 1000 },
      { lane: 0, state: 'running', startUs: 1000, endUs: 2000 },
      { lane: 0, state: 'done', startUs: 2000, endUs: 2000 },
    ];
    expect(refineWithSchedstat(spans, lane0([0, 0], [2000, 1_000_000]))).toEqual([
      { lane: 0, state: 'io', startUs: 0, endUs: 1000 },
      { lane: 0, state: 'ready', startUs: 1000, endUs: 1500 },
      { lane: 0, state: 'running', startUs: 1500, endUs: 2000 },
      { lane: 0, state: 'done', startUs: 2000, endUs: 2000 },
    ]);
  });

  it('passes through lanes with fewer than two samples', () => {
    const spans: Span[] = [
      { lane: 0, state: 'running', startUs: 0, endUs: 1000 },
      { lane: 1, state: 'running', startUs: 0, endUs: 1000 },
    ];
    const byLane = new Map([[1, samples([0, 900_000])]]);
    expect(refineWithSchedstat(spans, byLane)).toEqual(spans);
  });

  it('does not mutate its input', () => {
    const spans: Span[] = [{ lane: 0, state: 'running', startUs: 0, endUs: 1000 }];
    const copy = structuredClone(spans);
    refineWithSchedstat(spans, lane0([0, 0], [1000, 500_000]));
    expect(spans).toEqual(copy);
  });
});

const NON_TERMINAL: SpanState[] = ['running', 'ready', 'gil-wait', 'io', 'spawn'];

/** Lane spans laid out left to right from (gap, length, state, core) steps, never overlapping. */
const laneSpansArb = (lane: number): fc.Arbitrary<Span[]> =>
  fc
    .array(
      fc.record({
        gapUs: fc.integer({ min: 0, max: 300 }),
        lengthUs: fc.integer({ min: 1, max: 2000 }),
        state: fc.constantFrom(...NON_TERMINAL),
        core: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      }),
      { maxLength: 12 },
    )
    .map((steps) => {
      let atUs = 0;
      return steps.map(({ gapUs, lengthUs, state, core }): Span => {
        const startUs = atUs + gapUs;
        atUs = startUs + lengthUs;
        // Only running and spawn spans carry a core (trace.ts).
        const onCore = core !== undefined && (state === 'running' || state === 'spawn');
        return onCore ? { lane, state, startUs, endUs: atUs, core } : { lane, state, startUs, endUs: atUs };
      });
    });

/** Samples at increasing times with a non-decreasing run-queue counter (possibly > the window). */
const samplesArb: fc.Arbitrary<SchedSample[]> = fc
  .array(fc.record({ stepUs: fc.integer({ min: 0, max: 3000 }), waitNs: fc.integer({ min: 0, max: 4_000_000 }) }), {
    maxLength: 10,
  })
  .map((steps) => {
    let atUs = 0;
    let runQueueNs = 0;
    return steps.map(({ stepUs, waitNs }) => {
      atUs += stepUs;
      runQueueNs += waitNs;
      return { atUs, runQueueNs, onCpuNs: 0, timeslices: 0 };
    });
  });

function covered(spans: readonly Span[]): Array<[number, number]> {
  const sorted = [...spans].filter((s) => s.endUs > s.startUs).sort((a, b) => a.startUs - b.startUs);
  const union: Array<[number, number]> = [];
  for (const { startUs, endUs } of sorted) {
    const last = union[union.length - 1];
    if (last !== undefined && last[1] >= startUs) last[1] = Math.max(last[1], endUs);
    else union.push([startUs, endUs]);
  }
  return union;
}

function totalUs(spans: readonly Span[], keep: (s: Span) => boolean = () => true): number {
  return spans.filter(keep).reduce((sum, s) => sum + s.endUs - s.startUs, 0);
}

describe('refineWithSchedstat invariants', () => {
  it('conserves each lane’s covered time and non-running states, and never overlaps', () => {
    const inputArb = fc.record({
      lanes: fc.tuple(laneSpansArb(0), laneSpansArb(1)),
      samples0: samplesArb,
      samples1: samplesArb,
    });
    fc.assert(
      fc.property(inputArb, ({ lanes, samples0, samples1 }) => {
        const input = lanes.flat();
        const output = refineWithSchedstat(
          input,
          new Map([
            [0, samples0],
            [1, samples1],
          ]),
        );
        for (const lane of [0, 1]) {
          const before = input.filter((s) => s.lane === lane);
          const after = output.filter((s) => s.lane === lane);
          expect(totalUs(after)).toBe(totalUs(before));
          expect(covered(after)).toEqual(covered(before));
          for (const state of ['gil-wait', 'io', 'spawn'] as const) {
            expect(totalUs(after, (s) => s.state === state)).toBe(totalUs(before, (s) => s.state === state));
          }
          const cpuOrWait = (s: Span): boolean => s.state === 'running' || s.state === 'ready';
          expect(totalUs(after, cpuOrWait)).toBe(totalUs(before, cpuOrWait));
          for (const [i, s] of after.entries()) {
            expect(Number.isInteger(s.startUs) && Number.isInteger(s.endUs)).toBe(true);
            expect(s.endUs).toBeGreaterThan(s.startUs);
            if (s.state === 'ready') expect(s.core).toBeUndefined();
            const next = after[i + 1];
            if (next !== undefined) expect(next.startUs).toBeGreaterThanOrEqual(s.endUs);
          }
        }
      }),
    );
  });
});
