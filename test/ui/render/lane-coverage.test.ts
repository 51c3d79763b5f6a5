import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPAN_STATES, type Span } from '../../../src/engine/index.js';
import { laneCells } from '../../../src/ui/render/gantt-rows.js';
import { laneCoverage, type LaneCoverage } from '../../../src/ui/render/lane-coverage.js';

/**
 * A lane: spans one after the other (gaps allowed), ending in done or failed. Unbiased sizes:
 * fast-check's bias towards extremes gives round cell boundaries, which hide off-by-a-µs bugs.
 */
const lane = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(...SPAN_STATES.filter((s) => s !== 'done' && s !== 'failed')),
        fc.noBias(fc.integer({ min: 1, max: 40 })),
        fc.noBias(fc.integer({ min: 0, max: 12 })),
      ),
      { maxLength: 60 },
    ),
    fc.constantFrom('done' as const, 'failed' as const),
  )
  .map(([pieces, end]) => {
    const spans: Span[] = [];
    let us = 0;
    for (const [state, lengthUs, gapUs] of pieces) {
      us += gapUs;
      spans.push({ lane: 0, state, startUs: us, endUs: us + lengthUs });
      us += lengthUs;
    }
    spans.push({ lane: 0, state: end, startUs: us, endUs: us });
    return spans;
  });

describe('lane cells while the playhead moves', () => {
  it('count the rest of a slice that ends just past a cell the playhead has left', () => {
    // Cells of 9.5 µs: the first slice ends 0.5 µs into cell 1, which is redrawn as playback goes on.
    const spans: Span[] = [
      { lane: 0, state: 'running', startUs: 0, endUs: 10 },
      { lane: 0, state: 'io', startUs: 12, endUs: 30 },
    ];
    for (const playheadUs of [9.6, 12, 30]) {
      const window = { startUs: 0, endUs: 38, playheadUs };
      expect(sameCoverage(laneCoverage(spans, window, 4, playheadUs), laneCoverage([...spans], window, 4, playheadUs))).toBe(true);
    }
    expect(laneCoverage(spans, { startUs: 0, endUs: 38, playheadUs: 30 }, 4, 30).coverage[7]).toBe(0.5); // running, cell 1
  });

  it('are, frame after frame, exactly the cells drawn from scratch (same coverage to the bit; fast-check)', () => {
    fc.assert(
      fc.property(
        lane,
        fc.noBias(fc.integer({ min: 1, max: 90 })),
        fc.array(fc.noBias(fc.double({ min: 0, max: 1.2, noNaN: true })), { minLength: 1, maxLength: 12 }),
        (spans, width, steps) => {
          const endUs = Math.max(1, spans.at(-1)!.endUs);
          let playheadUs = 0;
          for (const step of steps) {
            // Mostly forward, as playback goes; a step back now and then (replay) starts over.
            playheadUs = step > 1.1 ? playheadUs / 2 : playheadUs + step * (endUs / 4);
            const window = { startUs: 0, endUs, playheadUs };
            expect(laneCells(spans, window, width)).toEqual(laneCells([...spans], window, width));
            const limitUs = Math.min(endUs, playheadUs);
            expect(sameCoverage(laneCoverage(spans, window, width, limitUs), laneCoverage([...spans], window, width, limitUs))).toBe(true);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('read each span about once over a playback, not the spans of the cell the playhead is in again at every frame', () => {
    // count's GIL lanes: ~240 slices a cell at 80 columns; here 1,000 slices a cell, 10 cells, 100 frames.
    const slices: Span[] = Array.from({ length: 10_000 }, (_, i) => ({ lane: 0, state: i % 2 === 0 ? 'running' : 'gil-wait', startUs: i, endUs: i + 1 }));
    let reads = 0;
    const spans = new Proxy(slices, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    for (let frame = 1; frame <= 100; frame++) {
      const playheadUs = frame * 100 + 0.5;
      const window = { startUs: 0, endUs: 10_000, playheadUs };
      expect(sameCoverage(laneCoverage(spans, window, 10, playheadUs), laneCoverage(slices.slice(), window, 10, playheadUs))).toBe(true);
    }
    // Each slice once, the one across the playhead and the one after it again each frame, and a bisection at the start.
    expect(reads).toBeLessThan(slices.length + 3 * 100 + 20);
  });

  it('keep the cells a long span across the playhead covered to their end, frame after frame, and commit them when it ends', () => {
    // count's processes: one 13 s slice, the playhead inside it for half the playback; then the lane finishes.
    const spans: Span[] = [
      { lane: 0, state: 'ready', startUs: 0, endUs: 1_000_003 },
      { lane: 0, state: 'running', startUs: 1_000_003, endUs: 13_000_007 },
      { lane: 0, state: 'io', startUs: 13_000_007, endUs: 13_500_000 },
      { lane: 0, state: 'done', startUs: 13_500_000, endUs: 13_500_000 },
    ];
    for (let frame = 1; frame <= 80; frame++) {
      const playheadUs = frame * 190_001;
      const window = { startUs: 0, endUs: 14_000_000, playheadUs };
      expect(sameCoverage(laneCoverage(spans, window, 57, playheadUs), laneCoverage([...spans], window, 57, playheadUs))).toBe(true);
    }
  });

  it('say when the lane finished once the playhead has passed its done span (Infinity before)', () => {
    const spans: Span[] = [
      { lane: 0, state: 'running', startUs: 0, endUs: 60 },
      { lane: 0, state: 'done', startUs: 60, endUs: 60 },
    ];
    const window = (playheadUs: number) => ({ startUs: 0, endUs: 100, playheadUs });
    expect(laneCoverage(spans, window(50), 10, 50).doneUs).toBe(Number.POSITIVE_INFINITY);
    expect(laneCoverage(spans, window(70), 10, 70).doneUs).toBe(60);
    // Outside a zoomed window, the finish is not marked.
    expect(laneCoverage(spans, { startUs: 0, endUs: 50, playheadUs: 50 }, 10, 50).doneUs).toBe(Number.POSITIVE_INFINITY);
  });
});

function sameCoverage(a: LaneCoverage, b: LaneCoverage): boolean {
  return (
    a.coverage.length === b.coverage.length &&
    a.coverage.every((us, i) => Object.is(us, b.coverage[i])) &&
    a.firstState.every((state, i) => state === b.firstState[i]) &&
    [...a.failedAt].sort().join() === [...b.failedAt].sort().join() &&
    a.doneUs === b.doneUs
  );
}
