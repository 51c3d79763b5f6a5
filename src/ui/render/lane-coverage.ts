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
  /**
   * When the lane finished (its `done` span), Infinity if not yet: a number from the start, as
   * V8 drops the code compiled for the lane's fields when one turns from null to a number, which
   * happened mid-playback, when the first lane finished.
   */
  doneUs: number;
  /** Cells that end at or before the time covered: nothing played later can change them. */
  finalCells: number;
}

/** A lane's coverage as last computed, and how much of it is final. */
interface Cached extends LaneCoverage {
  startUs: number;
  endUs: number;
  width: number;
  limitUs: number;
  /** `coverage` and `firstState` with only the spans that had ended by the limit: what stays of them when the limit moves on. */
  committed: Float64Array;
  committedFirst: Int8Array;
  /** The first span not in `committed` (every one before it ended by the limit). */
  nextSpan: number;
  /** The cells the span running across the limit was added to on top of `committed` (first > last: none). */
  openFirstCell: number;
  openLastCell: number;
  /** The first of those the limit cut short: the ones before it the span covered to their end, as it still does at any later limit. */
  openCutCell: number;
}

const cache = new WeakMap<readonly Span[], Cached>();

/**
 * Spans of one lane (sorted by start) → how they cover `width` cells of the window, up to
 * `limitUs`. Playback draws the same lane every frame a little further on: the spans that had
 * ended by the last limit stay added; of the one that ran across it, only the cells the limit
 * cut short are taken out and, with the spans after it, added again (a slice of 13 s across the
 * playhead is not added again cell by cell at every frame), each overlap exactly as a first
 * computation adds it, in the same order, so the result is the same to the bit. While it is extended the same object comes
 * back (its `finalCells` only grow); another window or width, or an earlier limit, starts a new one.
 */
export function laneCoverage(spans: readonly Span[], window: TimeWindow, width: number, limitUs: number): LaneCoverage {
  let lane = cache.get(spans);
  if (!lane || lane.startUs !== window.startUs || lane.endUs !== window.endUs || lane.width !== width || limitUs < lane.limitUs) {
    lane = {
      cellUs: (window.endUs - window.startUs) / width,
      coverage: new Float64Array(width * STATES),
      firstState: new Int8Array(width).fill(-1),
      failedAt: new Set(),
      doneUs: Number.POSITIVE_INFINITY,
      startUs: window.startUs,
      endUs: window.endUs,
      width,
      limitUs,
      finalCells: 0,
      committed: new Float64Array(width * STATES),
      committedFirst: new Int8Array(width).fill(-1),
      nextSpan: firstReaching(spans, window.startUs),
      openFirstCell: 0,
      openLastCell: -1,
      openCutCell: 0,
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
  const { cellUs, coverage, firstState, committed, committedFirst, startUs, width } = lane;
  // The span that ran across the last limit: its cells the limit cut go back to what the ended
  // spans gave them; it is added again from the first of them (the first span read below).
  const reopened = lane.openFirstCell <= lane.openLastCell ? lane.nextSpan : -1;
  const { openCutCell } = lane;
  if (reopened >= 0) {
    // A cell or two, copied by a loop: a typed array's subarray is an object made at every frame of every lane.
    copyCells(committed, coverage, committedFirst, firstState, openCutCell, lane.openLastCell + 1);
    lane.openLastCell = -1;
  }
  let { doneUs } = lane;
  for (let i = lane.nextSpan; i < spans.length; i++) {
    const span = spans[i]!;
    if (span.startUs > limitUs) break; // sorted by start: the rest lies past the playhead
    // A lane's end is marked only inside the window (zoomed, it may lie either side of it).
    const inWindow = span.startUs >= startUs && span.startUs <= lane.endUs;
    if (span.state === 'failed' && inWindow) lane.failedAt.add(cellAt(span.startUs, startUs, cellUs, width));
    if (span.state === 'done' && inWindow) doneUs = span.startUs;
    // Only the last span to start by the limit can run across it (spans of a lane do not overlap).
    const ended = span.endUs <= limitUs;
    if (ended) lane.nextSpan = i + 1;
    const fromUs = Math.max(span.startUs, startUs);
    const toUs = Math.min(span.endUs, limitUs);
    if (toUs <= fromUs || cellUs <= 0) continue;
    const state = STATE_INDEX.get(span.state)!;
    const first = cellAt(fromUs, startUs, cellUs, width);
    const last = cellAt(toUs - 1e-9, startUs, cellUs, width);
    // The span open at the last limit: the cells it covered to their end then are as they were (the same overlap, added to the same value).
    const from = i === reopened ? openCutCell : first;
    // Also when nothing is copied: the first playback runs this from its first frames, so V8 knows it before it compiles the loop.
    if (ended && i === reopened) copyCells(coverage, committed, firstState, committedFirst, first, from);
    let cut = last + 1;
    for (let cell = from; cell <= last; cell++) {
      const cellStart = startUs + cell * cellUs;
      const cellEnd = cellStart + cellUs;
      if (cellEnd > toUs && cut > last) cut = cell;
      const overlap = Math.min(toUs, cellEnd) - Math.max(fromUs, cellStart);
      if (overlap <= 0) continue;
      const at = cell * STATES + state;
      coverage[at] = coverage[at]! + overlap;
      if (firstState[cell] === -1) firstState[cell] = state;
      if (!ended) continue;
      committed[at] = coverage[at]!;
      committedFirst[cell] = firstState[cell]!;
    }
    if (!ended) {
      lane.openFirstCell = first;
      lane.openLastCell = last;
      lane.openCutCell = Math.min(cut, last);
    }
  }
  lane.doneUs = doneUs;
  lane.limitUs = limitUs;
  if (!(cellUs > 0)) return;
  let final = Math.max(lane.finalCells, Math.min(width, Math.floor((limitUs - startUs) / cellUs)));
  while (final > lane.finalCells && startUs + final * cellUs > limitUs) final--;
  lane.finalCells = final;
}

/** The cell of the window that `us` falls in, clamped to the row. */
export function cellAt(us: number, startUs: number, cellUs: number, width: number): number {
  return Math.min(width - 1, Math.max(0, Math.floor((us - startUs) / cellUs)));
}

/** Copies cells `from` up to `to` (not included) of one coverage and first-state pair into another. */
function copyCells(coverage: Float64Array, toCoverage: Float64Array, first: Int8Array, toFirst: Int8Array, from: number, to: number): void {
  for (let i = from * STATES; i < to * STATES; i++) toCoverage[i] = coverage[i]!;
  for (let cell = from; cell < to; cell++) toFirst[cell] = first[cell]!;
}
