import { SPAN_STATES, TERMINAL_STATES, type Span, type SpanState } from '../engine/index.js';

/**
 * A stretch of one lane as a picture draws it: a span at least a pixel wide as it is, or a
 * stretch of spans each narrower than a pixel as one segment with each state's share of it.
 */
export interface Segment {
  startUs: number;
  endUs: number;
  /** The states in it with their share of its time (each > 0, summing to 1), in legend order. */
  shares: Array<{ state: SpanState; share: number }>;
}

/**
 * How far (as a share of the segment) a pixel's mix may stray from the segment's before it
 * starts a new segment. Alternating 5 ms turns seen through 20 ms pixels vary by ±10 % from
 * pixel to pixel; a real change of regime (a thread that stops waiting) moves by far more.
 */
const SHARE_TOLERANCE = 0.2;

/**
 * Merges one lane's spans for a picture at `usPerPx` µs a pixel: spans of at least a pixel stay
 * as they are; a run of touching spans each narrower than that becomes segments whose shares are
 * each state's time in them, so that time is conserved (share × width = the state's time) and
 * 5,000 GIL hand-offs in a 26 s lane are a few stripes rather than 5,000 hairlines that blend
 * into one muddy colour. Markers (`done`, `failed`) and empty spans are left out: pictures draw them apart.
 * @param spans the lane's spans, in any order; they must not overlap (as in every trace).
 */
export function mergeSubPixel(spans: readonly Span[], usPerPx: number): Segment[] {
  const lasting = spans.filter((span) => !TERMINAL_STATES.has(span.state) && span.endUs > span.startUs).sort((a, b) => a.startUs - b.startUs);
  const segments: Segment[] = [];
  let pending: Span[] = [];
  const flush = () => {
    if (pending.length === 1) segments.push(whole(pending[0]!));
    else if (pending.length > 1) segments.push(...mixed(pending, usPerPx));
    pending = [];
  };
  for (const span of lasting) {
    // A gap (before arrival, between tasks of a pool) is drawn as nothing, never as a mix.
    if (pending.length > 0 && span.startUs !== pending.at(-1)!.endUs) flush();
    if (span.endUs - span.startUs >= usPerPx) {
      flush();
      segments.push(whole(span));
    } else {
      pending.push(span);
    }
  }
  flush();
  return segments;
}

function whole(span: Span): Segment {
  return { startUs: span.startUs, endUs: span.endUs, shares: [{ state: span.state, share: 1 }] };
}

/** Time per state of one stretch, indexed as SPAN_STATES. */
type StateTimes = number[];

/**
 * Touching sub-pixel spans: their time per state in pixel columns (on a grid from 0, so the same
 * trace always merges alike), then neighbouring columns of a like mix joined into one segment.
 */
function mixed(spans: readonly Span[], usPerPx: number): Segment[] {
  const firstUs = spans[0]!.startUs;
  const lastUs = spans.at(-1)!.endUs;
  const columns = new Map<number, StateTimes>();
  for (const span of spans) {
    const state = SPAN_STATES.indexOf(span.state);
    for (let fromUs = span.startUs; fromUs < span.endUs; ) {
      let column = Math.floor(fromUs / usPerPx);
      // Rounding may put `fromUs` on the next column's left edge: take that one, or no time passes.
      if ((column + 1) * usPerPx <= fromUs) column += 1;
      const toUs = Math.min(span.endUs, (column + 1) * usPerPx);
      let times = columns.get(column);
      if (times === undefined) columns.set(column, (times = SPAN_STATES.map(() => 0)));
      times[state]! += toUs - fromUs;
      fromUs = toUs;
    }
  }
  const segments: Segment[] = [];
  let current: { startUs: number; endUs: number; times: StateTimes } | null = null;
  for (const [column, times] of [...columns].sort((a, b) => a[0] - b[0])) {
    const startUs = Math.max(firstUs, column * usPerPx);
    const endUs = Math.min(lastUs, (column + 1) * usPerPx);
    if (current !== null && alike(current.times, times)) {
      current.endUs = endUs;
      times.forEach((us, i) => (current!.times[i]! += us));
    } else {
      if (current !== null) segments.push(segmentOf(current));
      current = { startUs, endUs, times: [...times] };
    }
  }
  if (current !== null) segments.push(segmentOf(current));
  return segments;
}

function alike(segment: StateTimes, column: StateTimes): boolean {
  const segmentUs = total(segment);
  const columnUs = total(column);
  return segment.every((us, i) => Math.abs(us / segmentUs - column[i]! / columnUs) <= SHARE_TOLERANCE);
}

function segmentOf({ startUs, endUs, times }: { startUs: number; endUs: number; times: StateTimes }): Segment {
  const sumUs = total(times);
  const shares = SPAN_STATES.flatMap((state, i) => (times[i]! > 0 ? [{ state, share: times[i]! / sumUs }] : []));
  return { startUs, endUs, shares };
}

function total(times: StateTimes): number {
  return times.reduce((sum, us) => sum + us, 0);
}
