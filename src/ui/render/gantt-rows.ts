import { SPAN_STATES, type Span, type SpanState } from '../../engine/index.js';
import type { Theme } from '../theme.js';
import { cellPaint, drawCell, type CellPaint } from './cell-paint.js';
import { pushSegment, type Segment } from './line.js';
import { STATES, cellAt, laneCoverage, type LaneCoverage } from './lane-coverage.js';
import { partitionPoint } from '../../engine/partition-point.js';

/** The slice of time a Gantt panel shows, and how far playback has got. */
export interface TimeWindow {
  startUs: number;
  endUs: number;
  /** Spans are drawn up to here (emulated playback, or "now" in a live run). */
  playheadUs: number;
}

/** What one character cell shows. */
export interface Cell {
  /** The state covering most of the cell, or the second of two (null: nothing, e.g. before arrival). */
  main: SpanState | null;
  /** When two states share the cell, the one that came first, drawn as a partial block over `main`. */
  left: SpanState | null;
  /** Eighths of the cell covered: by `left` when set, else by `main`. */
  eighths: number;
  /**
   * The lane's end, drawn over the cell: `failed` in the cell where it failed, `done` in the
   * first cell after its last work (the bar's end cap), null elsewhere.
   */
  end: 'done' | 'failed' | null;
}

/**
 * Spans of one lane → `width` cells. Each cell keeps how long each state covered it, so a slice
 * shorter than a cell still shows as a partial block rather than vanishing. Playback draws the
 * same lane every frame a little further on: the cells its coverage had made final by the last
 * call are kept, and only the others (the few around the playhead) are worked out again.
 */
export function laneCells(spans: readonly Span[], window: TimeWindow, width: number): Cell[] {
  return cellsAndCap(spans, window, width).cells;
}

/** A lane's cells up to the playhead, and what later frames of the same view can change of them. */
interface LaneCells {
  cells: Cell[];
  /** From what limit the end cap's next cell is drawn (Infinity: no cap waits for the playhead). */
  capUs: number;
  /** What the cells were worked out from: while it is the same object, later frames extend it. */
  coverage: LaneCoverage;
  /** The first cells, this many, stay as they are while the coverage is extended (its final cells). */
  settled: number;
  /** The cells from this one on are empty (past the playhead): cells of the same coverage drawn before are empty there too. */
  reached: number;
}

/** laneCells, and what later frames can change of them. */
function cellsAndCap(spans: readonly Span[], window: TimeWindow, width: number): LaneCells {
  const limitUs = Math.min(window.endUs, window.playheadUs);
  const lane = laneCoverage(spans, window, width, limitUs);
  const { cellUs, doneUs } = lane;
  let known = cellsCache.get(spans);
  // A new coverage (another window or width, or the playhead went back) starts from scratch.
  if (known === undefined || known.coverage !== lane)
    cellsCache.set(spans, (known = { coverage: lane, cells: new Array<Cell>(width).fill(EMPTY), finalCells: 0 }));
  // Past the playhead's cell nothing has been covered yet: those cells are empty, as they were at the limits before.
  const reached = cellUs > 0 ? Math.min(width, Math.floor((limitUs - window.startUs) / cellUs) + 1) : width;
  for (let cell = known.finalCells; cell < reached; cell++) known.cells[cell] = cellOf(lane, cell);
  known.finalCells = lane.finalCells;
  const cells = known.cells.slice(0, width);
  // doneUs is set only inside the window (laneCoverage).
  const finished = doneUs !== Number.POSITIVE_INFINITY;
  const doneCell = finished ? cellAt(doneUs, window.startUs, cellUs, width) : -1;
  const capUs = finished ? window.startUs + (doneCell + 1) * cellUs : Number.POSITIVE_INFINITY;
  const capped = finished ? capDone(cells, doneCell, capUs <= limitUs) : -1;
  // A final cell has its cap already: the cap's cell is the finish's (final only once the finish is covered) or the next one (drawn once reached).
  return { cells, capUs, coverage: lane, settled: known.finalCells, reached: Math.max(reached, capped + 1) };
}

/** A lane's cells as last worked out (before the end cap), and how many of them are final. */
interface KnownCells {
  coverage: LaneCoverage;
  cells: Cell[];
  finalCells: number;
}

const cellsCache = new WeakMap<readonly Span[], KnownCells>();

/** A cell no span has covered (before arrival, past the playhead): one object, so unchanged rows compare at once. */
const EMPTY: Cell = Object.freeze({ main: null, left: null, eighths: 0, end: null });

/** What one cell shows, from the lane's coverage: its main state, a second one sharing it, how full it is. */
function cellOf({ cellUs, coverage, firstState, failedAt }: LaneCoverage, cell: number): Cell {
  const base = cell * STATES;
  let top = -1;
  let second = -1;
  let total = 0;
  for (let s = 0; s < STATES; s++) {
    const value = coverage[base + s]!;
    total += value;
    if (value <= 0) continue;
    if (top === -1 || value > coverage[base + top]!) [second, top] = [top, s];
    else if (second === -1 || value > coverage[base + second]!) second = s;
  }
  const end = failedAt.has(cell) ? 'failed' : null;
  if (top === -1) return end === null ? EMPTY : { main: null, left: null, eighths: 0, end };
  if (second === -1 || coverage[base + second]! < cellUs / 16) return { main: SPAN_STATES[top]!, left: null, eighths: toEighths(total / cellUs, 8), end };
  // Two states share the cell: the one that came first is drawn on the left, in eighths.
  const [left, main] = firstState[cell] === second ? [second, top] : [top, second];
  return { main: SPAN_STATES[main]!, left: SPAN_STATES[left]!, eighths: toEighths(coverage[base + left]! / cellUs, 7), end };
}

/**
 * Marks where a lane finished: in the cell of its finish if that is empty (it finished on a cell
 * boundary), else in the next one, so the end cap never hides the last bit of work. The next
 * cell is only drawn once the playhead has reached it, and not past the panel's right edge.
 * Returns the cell marked (-1: none).
 */
function capDone(cells: Cell[], finishCell: number, nextPlayed: boolean): number {
  const cell = cells[finishCell]!.main === null ? finishCell : nextPlayed ? finishCell + 1 : -1;
  if (cell < 0 || cell >= cells.length || cells[cell]!.end !== null) return -1;
  const { main, left, eighths } = cells[cell]!;
  cells[cell] = { main, left, eighths, end: 'done' };
  return cell;
}

/** A fraction of a cell in eighths, at least one so that any activity stays visible. */
function toEighths(fraction: number, max: number): number {
  return Math.min(max, Math.max(1, Math.round(fraction * 8)));
}

/**
 * A lane's row of bars (laneCells, then renderCells). A lane the playhead is not moving (it has
 * not arrived yet, or finished) draws the same cells frame after frame: its last segments are
 * given again, the very same, and the frame copies its row (see screenLines). A lane it moves
 * through changes only near the playhead: the segments of the cells that settled before are
 * kept from frame to frame, and only the cells after them are drawn.
 */
export function laneBars(spans: readonly Span[], window: TimeWindow, width: number, theme: Theme): Segment[] {
  const limitUs = Math.min(window.endUs, window.playheadUs);
  const last = barsCache.get(spans);
  const sameView = last !== undefined && last.theme === theme && last.startUs === window.startUs && last.endUs === window.endUs && last.width === width;
  // Nothing of the lane lies between the limit its bars were drawn at and this one: they stay.
  if (sameView && limitUs >= last.limitUs && limitUs < last.stillUntilUs) return last.bars;
  const { cells, capUs, coverage, settled, reached } = cellsAndCap(spans, window, width);
  // The same coverage extended: the cells the last bars had settled are these cells still.
  const extended = sameView && last.coverage === coverage ? last : null;
  const before = extended?.settled ?? NOTHING_SETTLED;
  // Looked up here, once a lane, rather than in drawnFrom: V8 compiles drawnFrom early in the first playback, and the smaller it is, the cheaper.
  const paint = cellPaint(theme);
  const now = before.cells < settled ? { cells: settled, segments: drawnFrom(before, cells, settled, reached, paint) } : before;
  const bars =
    extended !== null && sameCellsFrom(extended.cells, cells, before.cells, reached) ? extended.bars : drawnFrom(now, cells, cells.length, reached, paint);
  const stillUntilUs = Math.min(nextChangeUs(spans, limitUs), capUs > limitUs ? capUs : Number.POSITIVE_INFINITY);
  barsCache.set(spans, { cells, coverage, settled: now, theme, bars, startUs: window.startUs, endUs: window.endUs, width, limitUs, stillUntilUs });
  return bars;
}

/** The segments of a lane's first `cells` cells, drawn once while they stay as they are. */
interface Settled {
  cells: number;
  segments: readonly Segment[];
}

const NOTHING_SETTLED: Settled = { cells: 0, segments: [] };

/**
 * The segments of `cells` up to `end`: those of the settled ones, then the next cells drawn after
 * them, the empty ones from `reached` on (past the playhead) as one blank run. The settled
 * segments are shared, but for the last one, copied: the next cell may be drawn alike and join it
 * (pushSegment), and it must not grow in the bars of other frames.
 */
function drawnFrom(settled: Settled, cells: readonly Cell[], end: number, reached: number, paint: CellPaint): Segment[] {
  // No settled segment yet: a list literal, which V8 soon makes as a list of objects (a copy of an empty list would be one of small integers, and pushing to both kinds made it drop the compiled code mid-playback).
  const segments: Segment[] = settled.segments.length === 0 ? [] : settled.segments.slice();
  const lastIndex = segments.length - 1;
  if (lastIndex >= 0) segments[lastIndex] = { ...segments[lastIndex]! };
  const drawn = Math.max(settled.cells, Math.min(end, reached));
  for (let i = settled.cells; i < drawn; i++) {
    const [glyph, style] = drawCell(cells[i]!, paint);
    pushSegment(segments, glyph, style);
  }
  if (end > drawn) pushSegment(segments, paint.blank[0].repeat(end - drawn), paint.blank[1]);
  return segments;
}

/** A lane's bars as last drawn: for which view, up to what limit, and until what limit they stay the same. */
interface KnownBars {
  cells: readonly Cell[];
  coverage: LaneCoverage;
  settled: Settled;
  theme: Theme;
  bars: Segment[];
  startUs: number;
  endUs: number;
  width: number;
  limitUs: number;
  stillUntilUs: number;
}

const barsCache = new WeakMap<readonly Span[], KnownBars>();

/**
 * The earliest limit from which a lane's cells may differ from those drawn up to `limitUs`: at
 * once while a span runs across it (its coverage grows), else where the next span starts (its
 * coverage, or its end or failure mark). Spans of a lane are sorted by start and do not overlap,
 * so only the last one to start by the limit can run across it.
 */
function nextChangeUs(spans: readonly Span[], limitUs: number): number {
  const low = partitionPoint(spans.length, (i) => spans[i]!.startUs <= limitUs);
  if (low > 0 && spans[low - 1]!.endUs > limitUs) return limitUs;
  return low < spans.length ? spans[low]!.startUs : Number.POSITIVE_INFINITY;
}

/** Two lanes' cells are alike from `from` on (the cells before are the same, settled ones; those from `reached` on are empty in both). */
function sameCellsFrom(a: readonly Cell[], b: readonly Cell[], from: number, reached: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = from; i < Math.min(a.length, reached); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.main !== y.main || x.left !== y.left || x.eighths !== y.eighths || x.end !== y.end)) return false;
  }
  return true;
}

/** Cells → styled segments, one per run of cells drawn alike. */
export function renderCells(cells: readonly Cell[], theme: Theme): Segment[] {
  const segments: Segment[] = [];
  const paint = cellPaint(theme);
  for (const cell of cells) {
    const [glyph, style] = drawCell(cell, paint);
    pushSegment(segments, glyph, style);
  }
  return segments;
}

const byLaneCache = new WeakMap<readonly Span[], Span[][]>();

/**
 * Spans grouped by lane, each group sorted by start (the order laneCells expects). Cached per
 * spans array: a run's spans do not change while playback redraws it 15 times a second.
 */
export function spansByLane(spans: readonly Span[], laneCount: number): Span[][] {
  const cached = byLaneCache.get(spans);
  if (cached && cached.length === laneCount) return cached;
  const lanes: Span[][] = Array.from({ length: laneCount }, () => []);
  for (const span of spans) lanes[span.lane]?.push(span);
  for (const lane of lanes) lane.sort((a, b) => a.startUs - b.startUs || a.endUs - b.endUs);
  byLaneCache.set(spans, lanes);
  return lanes;
}
