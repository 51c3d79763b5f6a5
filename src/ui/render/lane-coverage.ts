import { SPAN_STATES, type Span } from '../../engine/index.js';
import type { TimeWindow } from './gantt-rows.js';
import { partitionPoint } from '../../engine/partition-point.js';

export const STATE_INDEX = new Map(SPAN_STATES.map((state, i) => [state, i]));
export const STATES = SPAN_STATES.length;

/** How one lane's spans cover the cells of a Gantt row, up to a time. */
export interface LaneCoverage {
  cellUs: number;
  /** Microseconds of each state in each cell: `coverage[cell * STATES + state]`. */
  coverage: Float64Array;
  /** The state that reached each cell first (-1: none). */
  firstState: Int8Array;
  /** Cells where the lane failed. */
  failedAt: Set<number>;
  /** When the lane finished (its `done` span), null if not yet. */
  doneUs: number | null;
  /** Cells that end at or before the time covered: nothing played later can change them. */
  finalCells: number;
}

/** A lane's coverage as last computed, and how much of it is final. */
interface Cached extends LaneCoverage {
  startUs: number;
  endUs: number;
  width: number;
  limitUs: number;
  /** The first span that can reach a cell that is not final. */
  firstOpenSpan: number;
}

const cache = new WeakMap<readonly Span[], Cached>();

/**
 * Spans of one lane (sorted by start) → how they cover `width` cells of the window, up to
 * `limitUs`. Playback draws the same lane every frame a little further on: the cells the
 * playhead has passed are kept, and only the spans that reach the other cells are read again,
 * adding each overlap exactly as a first computation would, so the result is the same to the bit.
 * While it is extended the same object comes back (its `finalCells` only grow); another window or
 * width, or an earlier limit, starts a new one.
 */
export function laneCoverage(spans: readonly Span[], window: TimeWindow, width: number, limitUs: number): LaneCoverage {
  let lane = cache.get(spans);
  if (!lane || lane.startUs !== window.startUs || lane.endUs !== window.endUs || lane.width !== width || limitUs < lane.limitUs) {
    lane = {
      cellUs: (window.endUs - window.startUs) / width,
      coverage: new Float64Array(width * STATES),
      firstState: new Int8Array(width).fill(-1),
      failedAt: new Set(),
      doneUs: null,
      startUs: window.startUs,
      endUs: window.endUs,
      width,
      limitUs,
      finalCells: 0,
      firstOpenSpan: firstReaching(spans, window.startUs),
    };
    cache.set(spans, lane);
  }
  accumulate(spans, lane, limitUs);
  return lane;
}

/**
 * The first span that ends after `startUs` (a span ending exactly there is kept: an end marker
 * at the window's start). Spans of a lane do not overlap, so their ends rise with their starts:
 * a zoomed window late in a long run skips what lies before it by bisection.
 */
function firstReaching(spans: readonly Span[], startUs: number): number {
  return partitionPoint(spans.length, (i) => spans[i]!.endUs < startUs);
}

function accumulate(spans: readonly Span[], lane: Cached, limitUs: number): void {
  const { cellUs, coverage, firstState, startUs, width } = lane;
  const from = lane.finalCells;
  coverage.fill(0, from * STATES);
  firstState.fill(-1, from);
  const cellOf = (us: number) => Math.min(width - 1, Math.max(0, Math.floor((us - startUs) / cellUs)));
  for (let i = lane.firstOpenSpan; i < spans.length; i++) {
    const span = spans[i]!;
    if (span.startUs > limitUs) break; // sorted by start: the rest lies past the playhead
    // A lane's end is marked only inside the window (zoomed, it may lie either side of it).
    const inWindow = span.startUs >= startUs && span.startUs <= lane.endUs;
    if (span.state === 'failed' && inWindow) lane.failedAt.add(cellOf(span.startUs));
    if (span.state === 'done' && inWindow) lane.doneUs = span.startUs;
    const fromUs = Math.max(span.startUs, startUs);
    const toUs = Math.min(span.endUs, limitUs);
    if (toUs <= fromUs || cellUs <= 0) continue;
    const state = STATE_INDEX.get(span.state)!;
    for (let cell = Math.max(from, cellOf(fromUs)), last = cellOf(toUs - 1e-9); cell <= last; cell++) {
      const cellStart = startUs + cell * cellUs;
      const overlap = Math.min(toUs, cellStart + cellUs) - Math.max(fromUs, cellStart);
      if (overlap <= 0) continue;
      coverage[cell * STATES + state] = coverage[cell * STATES + state]! + overlap;
      if (firstState[cell] === -1) firstState[cell] = state;
    }
  }
  lane.limitUs = limitUs;
  if (!(cellUs > 0)) return;
  let final = Math.max(from, Math.min(width, Math.floor((limitUs - startUs) / cellUs)));
  while (final > from && startUs + final * cellUs > limitUs) final--;
  const boundaryUs = startUs + final * cellUs;
  // Spans of a lane do not overlap, so their ends rise with their starts.
  let open = lane.firstOpenSpan;
  while (open < spans.length && spans[open]!.endUs < boundaryUs && cellOf(spans[open]!.startUs) < final) open++;
  lane.finalCells = final;
  lane.firstOpenSpan = open;
}
