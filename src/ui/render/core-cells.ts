import type { Span } from '../../engine/index.js';
import { PART_BUSY_GLYPH } from '../theme.js';
import type { TimeWindow } from './gantt-rows.js';
import { pushSegment, type Segment } from './line.js';
import { PLAIN, foreground } from './style.js';
import { partitionPoint } from '../../engine/partition-point.js';

/** What one cell of a core's row (the per-core view) shows. */
export interface CoreCell {
  /** The lane of the span that covered most of the cell, or -1 when the core ran nothing in it. */
  lane: number;
  /** Fraction of the cell's played time in which the core ran any lane, 0 to 1. */
  busy: number;
}

/**
 * A core busy for at least this fraction of a cell shows the lane's mark; below it, the cell is
 * drawn as partly busy. A cell covers hundreds of ms at 80 columns, far more than a GIL switch
 * interval: two threads under the GIL each keep their core about half busy, and a mark on every
 * cell would draw both cores as full (the CPU column says 50 %).
 */
export const MOSTLY_BUSY = 3 / 4;

/**
 * Spans that ran on one core (sorted by start) → `width` cells: whose span covered most of each and how
 * busy the core was. Time past the playhead does not count: the cell it is in is measured on the
 * part already played, so the leading edge is not drawn as half idle.
 */
export function coreCells(spans: readonly Span[], window: TimeWindow, width: number): CoreCell[] {
  const cellUs = (window.endUs - window.startUs) / width;
  const lane = new Array<number>(width).fill(-1);
  const laneUs = new Array<number>(width).fill(0);
  const busyUs = new Array<number>(width).fill(0);
  const limitUs = Math.min(window.endUs, window.playheadUs);
  for (let i = firstEndingAfter(spans, window.startUs); i < spans.length; i++) {
    const span = spans[i]!;
    if (span.startUs > limitUs) break;
    const from = Math.max(span.startUs, window.startUs);
    const to = Math.min(span.endUs, limitUs);
    if (to <= from) continue;
    const first = Math.floor((from - window.startUs) / cellUs);
    const last = Math.min(width - 1, Math.floor((to - window.startUs - 1e-9) / cellUs));
    for (let cell = first; cell <= last; cell++) {
      const start = window.startUs + cell * cellUs;
      const overlap = Math.min(to, start + cellUs) - Math.max(from, start);
      busyUs[cell] = busyUs[cell]! + overlap;
      if (overlap > laneUs[cell]!) {
        laneUs[cell] = overlap;
        lane[cell] = span.lane;
      }
    }
  }
  return lane.map((owner, cell) => {
    const playedUs = Math.min(cellUs, limitUs - (window.startUs + cell * cellUs));
    return { lane: owner, busy: owner < 0 || playedUs <= 0 ? 0 : Math.min(1, busyUs[cell]! / playedUs) };
  });
}

/**
 * The first span that ends after `startUs`. Spans on one core do not overlap (the emulator's
 * invariant; the per-core view draws emulated runs), so their ends rise with their starts: a zoomed window late in a long run skips what lies before it by bisection.
 */
function firstEndingAfter(spans: readonly Span[], startUs: number): number {
  return partitionPoint(spans.length, (i) => spans[i]!.endUs <= startUs);
}

const LANE_MARKS = '123456789abcdefghijklmnopqrstuvwxyz';

/** Colours that tell lanes apart in the per-core view. */
const LANE_COLORS = [36, 33, 35, 32, 34, 91, 96, 93];

/** The mark of a lane in the per-core view: its number, 1–9 then a–z. */
export function laneMark(lane: number): string {
  return LANE_MARKS[lane % LANE_MARKS.length]!;
}

/**
 * Core cells → styled segments: the lane's mark where the core was mostly busy, the partly-busy
 * glyph where it was not (in the lane's colour, so colour still tells whose), blank where idle.
 */
export function renderCoreCells(cells: readonly CoreCell[]): Segment[] {
  const segments: Segment[] = [];
  for (const { lane, busy } of cells) {
    if (lane < 0) pushSegment(segments, ' ', PLAIN);
    else pushSegment(segments, busy >= MOSTLY_BUSY ? laneMark(lane) : PART_BUSY_GLYPH, foreground(LANE_COLORS[lane % LANE_COLORS.length]));
  }
  return segments;
}
