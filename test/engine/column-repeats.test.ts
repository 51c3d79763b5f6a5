import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRepeat, type InstantPart, type SpanPart } from '../../src/engine/column-repeats.js';
import { emulateRun } from '../../src/engine/emulator/emulate.js';
import { laneFigures, medianHoldUs, runGilFigures } from '../../src/engine/gil-figures.js';
import { holdColumns, holdsByLane, longestHold, medianHold } from '../../src/engine/hold-columns.js';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, type Run } from '../../src/engine/index.js';
import { instantColumns, NO_CORE, spanColumns, spanColumnsOf, STATE_INDEX, type SpanSegment } from '../../src/engine/span-columns.js';
import { spanTotals } from '../../src/engine/span-totals.js';
import { steadyStateParams, steadyStateTasks } from './emulator/arbitraries.js';

/** Everything a run's figures say, read before anything reads its spans one by one. */
function figures(run: Run) {
  return { tasks: run.tasks, lanes: laneFigures(run), run: runGilFigures(run), medianHoldUs: medianHoldUs(run) };
}

describe('the cycles a fast-forward skipped, kept unwritten', () => {
  it('give every figure the run simulated cycle by cycle gives, without writing them out (and the skip ran in some cases)', () => {
    let repeated = 0;
    let cases = 0;
    fc.assert(
      fc.property(steadyStateTasks, steadyStateParams, fc.constantFrom(...EMULATED_STRATEGIES, 'threads' as const), (tasks, params, strategy) => {
        const fast = emulateRun(tasks, strategy, params).run;
        const full = emulateRun(tasks, strategy, params, { deferEvents: true, fastForward: false }).run;
        cases++;
        if (spanColumnsOf(fast)!.parts.some(isRepeat)) repeated++;
        expect(figures(fast)).toEqual(figures(full));
        expect(spanColumnsOf(full)!.parts.some(isRepeat)).toBe(false);
      }),
      { numRuns: Number(process.env.FAST_FORWARD_RUNS ?? 200), seed: Number(process.env.FAST_FORWARD_SEED ?? 15) },
    );
    expect(repeated).toBeGreaterThan(cases / 20);
  });

  it("keep the issue's SimPy case as a few blocks and counts, which read out as its spans", () => {
    const params = { ...DEFAULT_PARAMS, cores: 2, quantumUs: 100, switchCostUs: 0, switchIntervalUs: 5_000 };
    const cpu = (name: string) => ({ name, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 12_500_000 }] });
    const run = emulateRun([cpu('T1'), cpu('T2')], 'threads', params).run;
    const columns = spanColumnsOf(run)!;
    const written = columns.parts.reduce((sum, part) => sum + (isRepeat(part) ? 0 : part.length), 0);
    expect(written).toBeLessThan(100);
    expect(columns.length).toBe(10_001);
    expect(run.spans).toHaveLength(10_001);
  });

  it('sum and stretch spans in closed form as they do written out: carried waits, gaps, zero-length spans', () => {
    fc.assert(
      fc.property(fc.array(spanPiece, { minLength: 1, maxLength: 5 }), (pieces) => {
        const parts = laneParts(pieces);
        const written = spanColumns(spanColumns(parts).segments);
        expect(spanTotals(spanColumns(parts), 1)).toEqual(spanTotals(written, 1));
      }),
      { numRuns: 2_000 },
    );
  });

  it('give the holds their median, longest and takes as written out, run and lane alike', () => {
    fc.assert(
      fc.property(fc.array(instantPiece, { minLength: 1, maxLength: 5 }), (pieces) => {
        const parts = handoffParts(pieces);
        const closed = holdColumns(instantColumns(parts), 3);
        const out = holdColumns(instantColumns(instantColumns(parts).segments), 3);
        expect(out.weights.every((weight) => weight === 1)).toBe(true);
        expect(closed.takes).toEqual(out.takes);
        expect(medianHold(closed)).toBe(medianHold(out));
        expect(longestHold(closed)).toBe(longestHold(out));
        expect(holdsByLane(closed, 3).map(medianHold)).toEqual(holdsByLane(out, 3).map(medianHold));
      }),
      { numRuns: 2_000 },
    );
  });
});

const { ready, running, io, spawn } = STATE_INDEX;
const gilWait = STATE_INDEX['gil-wait'];
/** A span drawn as its state, length and the gap before it: waits back to back most often, so stretches run across copies. */
const drawnSpan = fc.record({
  state: fc.constantFrom(ready, gilWait, ready, gilWait, running, io, spawn),
  durationUs: fc.integer({ min: 0, max: 5 }),
  gapUs: fc.constantFrom(0, 0, 0, 1, 3),
});
type DrawnSpan = typeof drawnSpan extends fc.Arbitrary<infer T> ? T : never;
/** Spans written as they are, or a block repeated `cycles` times a period apart (the period at least the block's length). */
const spanPiece = fc.oneof(
  fc.record({ spans: fc.array(drawnSpan, { maxLength: 6 }) }),
  fc.record({
    spans: fc.array(drawnSpan, { minLength: 1, maxLength: 6 }),
    cycles: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 10_000 })),
    slackUs: fc.constantFrom(0, 0, 1, 4),
  }),
);

function segmentOf(spans: readonly DrawnSpan[], fromUs: number): { segment: SpanSegment; endUs: number } {
  const segment: SpanSegment = {
    lane: 0,
    length: spans.length,
    state: new Uint8Array(spans.length),
    startUs: new Float64Array(spans.length),
    endUs: new Float64Array(spans.length),
    core: new Int32Array(spans.length).fill(NO_CORE),
  };
  let atUs = fromUs;
  spans.forEach((span, i) => {
    segment.state[i] = span.state;
    segment.startUs[i] = atUs += span.gapUs;
    segment.endUs[i] = atUs += span.durationUs;
  });
  return { segment, endUs: atUs };
}

/** One lane's parts: each repeat's block a period before its first copy, as the recorder keeps it. */
function laneParts(pieces: readonly (typeof spanPiece extends fc.Arbitrary<infer T> ? T : never)[]): SpanPart[] {
  const parts: SpanPart[] = [];
  let atUs = 10;
  for (const piece of pieces) {
    if (!('cycles' in piece)) {
      const { segment, endUs } = segmentOf(piece.spans, atUs);
      parts.push(segment);
      atUs = endUs;
      continue;
    }
    const lengthUs = segmentOf(piece.spans, 0).endUs;
    const periodUs = Math.max(1, lengthUs + piece.slackUs);
    parts.push({ lane: 0, block: segmentOf(piece.spans, atUs - periodUs).segment, cycles: piece.cycles, periodUs });
    atUs += piece.cycles * periodUs;
  }
  return parts;
}

/** A hand-off drawn as its lane (-1: a thread with no task) and the time since the one before. */
const drawnHandoff = fc.record({ lane: fc.constantFrom(-1, 0, 1, 2, 0, 1), gapUs: fc.integer({ min: 0, max: 9 }) });
const instantPiece = fc.oneof(
  fc.record({ handoffs: fc.array(drawnHandoff, { maxLength: 6 }) }),
  fc.record({
    handoffs: fc.array(drawnHandoff, { minLength: 1, maxLength: 6 }),
    cycles: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 10_000 })),
    slackUs: fc.constantFrom(0, 1, 4),
  }),
);

function handoffParts(pieces: readonly (typeof instantPiece extends fc.Arbitrary<infer T> ? T : never)[]): InstantPart[] {
  const parts: InstantPart[] = [];
  let atUs = 10;
  const segmentOfHandoffs = (handoffs: readonly { lane: number; gapUs: number }[], fromUs: number) => {
    const segment = { length: handoffs.length, atUs: new Float64Array(handoffs.length), lane: new Int32Array(handoffs.length) };
    let at = fromUs;
    handoffs.forEach((handoff, i) => {
      segment.atUs[i] = at += handoff.gapUs;
      segment.lane[i] = handoff.lane;
    });
    return { segment, endUs: at };
  };
  for (const piece of pieces) {
    if (!('cycles' in piece)) {
      const { segment, endUs } = segmentOfHandoffs(piece.handoffs, atUs);
      parts.push(segment);
      atUs = endUs;
      continue;
    }
    const periodUs = Math.max(1, segmentOfHandoffs(piece.handoffs, 0).endUs + piece.slackUs);
    parts.push({ block: segmentOfHandoffs(piece.handoffs, atUs - periodUs).segment, cycles: piece.cycles, periodUs });
    atUs += piece.cycles * periodUs;
  }
  return parts;
}
