import { describe, expect, it } from 'vitest';
import { SPAN_STATES, type Span, type SpanState } from '../../src/engine/index.js';
import { mergeSubPixel, type Segment } from '../../src/export/sub-pixel-merge.js';
import { convoyTrace, scenarioTrace } from './fixtures.js';

/** Each state's time as the segments paint it: share × width. */
function paintedUs(segments: readonly Segment[]): Map<SpanState, number> {
  const painted = new Map<SpanState, number>();
  for (const { startUs, endUs, shares } of segments) {
    for (const { state, share } of shares) painted.set(state, (painted.get(state) ?? 0) + share * (endUs - startUs));
  }
  return painted;
}

function spanUs(spans: readonly Span[]): Map<SpanState, number> {
  const time = new Map<SpanState, number>();
  for (const span of spans) if (span.endUs > span.startUs) time.set(span.state, (time.get(span.state) ?? 0) + span.endUs - span.startUs);
  return time;
}

/** Alternating `a`/`b` spans of `aUs`/`bUs` from `fromUs` until `toUs`. */
function alternating(fromUs: number, toUs: number, aUs: number, bUs: number, a: SpanState = 'running', b: SpanState = 'gil-wait'): Span[] {
  const spans: Span[] = [];
  for (let at = fromUs, turn = 0; at < toUs; turn++) {
    const [state, us] = turn % 2 === 0 ? [a, aUs] : [b, bUs];
    spans.push({ lane: 0, state, startUs: at, endUs: Math.min(toUs, at + us) });
    at += us;
  }
  return spans;
}

describe('mergeSubPixel', () => {
  it('keeps a span of at least a pixel as it is', () => {
    const spans: Span[] = [
      { lane: 0, state: 'ready', startUs: 0, endUs: 100 },
      { lane: 0, state: 'running', startUs: 100, endUs: 350, core: 1 },
    ];
    expect(mergeSubPixel(spans, 100)).toEqual([
      { startUs: 0, endUs: 100, shares: [{ state: 'ready', share: 1 }] },
      { startUs: 100, endUs: 350, shares: [{ state: 'running', share: 1 }] },
    ]);
  });

  it("conserves each state's time on every lane of every convoy run, at several scales", () => {
    for (const run of convoyTrace().runs) {
      for (const usPerPx of [1, 37.5, 1_000, 25_000]) {
        for (const lane of run.lanes) {
          const spans = run.spans.filter((span) => span.lane === lane.id && span.state !== 'done' && span.state !== 'failed');
          const painted = paintedUs(mergeSubPixel(spans, usPerPx));
          for (const [state, us] of spanUs(spans)) expect(painted.get(state)).toBeCloseTo(us, 3);
          expect([...painted.keys()].sort()).toEqual([...spanUs(spans).keys()].sort());
        }
      }
    }
  });

  it('draws the GIL fight of count as one or two half-and-half stretches per threads lane, not 2,500 turns', () => {
    const run = scenarioTrace('count', ['threads']).runs[0]!;
    const usPerPx = run.elapsedUs / 1_100;
    for (const lane of run.lanes) {
      const spans = run.spans.filter((span) => span.lane === lane.id);
      expect(spans.length).toBeGreaterThan(2_000);
      const segments = mergeSubPixel(spans, usPerPx);
      expect(segments.length).toBeLessThanOrEqual(3);
      const longest = segments.reduce((a, b) => (b.endUs - b.startUs > a.endUs - a.startUs ? b : a));
      const share = (state: SpanState) => longest.shares.find((s) => s.state === state)?.share ?? 0;
      expect(share('running')).toBeGreaterThan(0.45);
      expect(share('running')).toBeLessThan(0.55);
      expect(share('gil-wait')).toBeGreaterThan(0.45);
      expect(share('gil-wait')).toBeLessThan(0.55);
    }
  });

  it('starts a new stretch where the mix changes, and never bridges a gap', () => {
    const spans = [...alternating(0, 10_000, 10, 10), ...alternating(10_000, 20_000, 18, 2), ...alternating(30_000, 31_000, 5, 5)];
    const segments = mergeSubPixel(spans, 100);
    const running = (segment: Segment) => segment.shares.find((s) => s.state === 'running')?.share ?? 0;
    const covering = (us: number) => segments.filter((s) => s.startUs <= us && us < s.endUs);
    expect(covering(5_000).map(running)).toEqual([0.5]);
    expect(running(covering(15_000)[0]!)).toBeCloseTo(0.9, 5);
    expect(covering(25_000)).toEqual([]);
    expect(running(covering(30_500)[0]!)).toBeCloseTo(0.5, 5);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.startUs).toBeGreaterThanOrEqual(segments[i - 1]!.endUs);
  });

  it('lists the shares of a stretch in legend order, each above 0, summing to 1', () => {
    const spans = [...alternating(0, 1_000, 3, 4, 'io', 'ready'), ...alternating(1_000, 2_000, 2, 5, 'spawn', 'running')];
    for (const { shares } of mergeSubPixel(spans, 1_000)) {
      expect(shares.map((s) => s.state)).toEqual(SPAN_STATES.filter((state) => shares.some((s) => s.state === state)));
      expect(shares.every((s) => s.share > 0)).toBe(true);
      expect(shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 9);
    }
  });

  it('leaves out markers and empty spans, and takes spans in any order', () => {
    const spans: Span[] = [
      { lane: 0, state: 'done', startUs: 300, endUs: 300 },
      { lane: 0, state: 'running', startUs: 200, endUs: 300 },
      { lane: 0, state: 'ready', startUs: 100, endUs: 100 },
      { lane: 0, state: 'io', startUs: 0, endUs: 200 },
    ];
    expect(mergeSubPixel(spans, 50).map((s) => [s.startUs, s.endUs, s.shares[0]!.state])).toEqual([
      [0, 200, 'io'],
      [200, 300, 'running'],
    ]);
  });
});
