import type { Theme } from '../theme.js';
import { CellBuffer } from './cell-buffer.js';
import { sameLine, type Line, type Segment } from './line.js';
import { PLAIN, type Style } from './style.js';

/** The frame drawn last and its lines: the next frame of the same size and theme starts from it. */
let last: { frame: CellBuffer; lines: readonly Line[] } | null = null;

/**
 * A frame of `columns`×`rows` cells showing `lines`, one a row. Playback draws 15 frames a
 * second that differ in a few rows, and there at the right of the row: the frame starts as a
 * copy of the one drawn before (when it has the same size and theme), a row whose line is the
 * same is left as it is, and a changed row is drawn from its first changed segment on. The
 * cells are those of a frame drawn from nothing (test/ui/frame-reuse.test.ts).
 */
export function frameOfLines(lines: readonly Line[], columns: number, rows: number, theme: Theme): CellBuffer {
  const before = last !== null && last.frame.columns === columns && last.frame.rows === rows && last.frame.theme === theme ? last : null;
  const frame = before === null ? new CellBuffer(columns, rows, theme) : before.frame.successor();
  for (let row = 0; row < rows; row++) {
    const line = lines[row];
    if (before === null) {
      if (line !== undefined) frame.putLine(row, line);
      continue;
    }
    const was = before.lines[row];
    if (line === undefined ? was === undefined : was !== undefined && sameLine(was, line)) continue;
    redrawRow(frame, row, line ?? [], was ?? []);
  }
  last = { frame, lines };
  return frame;
}

/** Blank text: after the row is cleared, its cells are on screen already. */
const BLANK = /^ *$/;

/**
 * Draws `line` over row `row`, which shows `was`. Where text's width is its length (see
 * simpleColumns), what is on screen is known unit by unit: the segments both begin with are there
 * already (drawn by the same writes, so the same cells); a segment of the same length and style
 * as the one it replaces (the playhead's time, the axis with its marker moved) has only its units
 * that differ written, in place, and what follows starts where it did. From the first segment
 * that is neither (a bar reaching the playhead grows by a cell), the row is cleared and drawn
 * anew, but for the units that segment shares with the one it replaces, and blank plain
 * segments, which the clear drew. Beyond text of other widths, where the next segment begins is
 * known only by drawing.
 */
function redrawRow(frame: CellBuffer, row: number, line: Line, was: Line): void {
  let same = 0;
  let column = 0;
  for (; same < line.length && same < was.length; same++) {
    const { text, style } = line[same]!;
    const old = was[same]!;
    if (style !== old.style || text.length !== old.text.length) break;
    const columns = frame.simpleColumns(text);
    if (columns === null || (text !== old.text && frame.simpleColumns(old.text) === null)) break;
    if (text !== old.text) rewriteInPlace(frame, row, column, text, old.text, style);
    column += columns;
  }
  // Every segment in place: the row is drawn.
  if (same === line.length && same === was.length) return;
  const shared = same < line.length && same < was.length ? sharedUnits(frame, line[same]!, was[same]!) : 0;
  column += shared;
  frame.clearRow(row, column);
  for (let i = same; i < line.length; i++) {
    const { text, style } = line[i]!;
    const rest = i === same && shared > 0 ? text.slice(shared) : text;
    if (rest === '' || (style === PLAIN && BLANK.test(rest))) column += rest.length;
    else column = frame.put(column, row, rest, style);
  }
}

/** Writes the units of `text`, drawn from `column` over `was` (as long, one cell a unit), from the first that differs to the last. */
function rewriteInPlace(frame: CellBuffer, row: number, column: number, text: string, was: string, style: Style): void {
  const first = sharedStart(text, was);
  const end = text.length - sharedEnd(text, was, text.length - first);
  frame.put(column + first, row, text.slice(first, end), style);
}

/**
 * The units at the start of `segment` that `was`, drawn in its place, drew alike: both in one
 * style, and each unit of either one cell.
 */
function sharedUnits(frame: CellBuffer, segment: Segment, was: Segment): number {
  if (segment.style !== was.style || frame.simpleColumns(segment.text) === null || frame.simpleColumns(was.text) === null) return 0;
  return sharedStart(segment.text, was.text);
}

/**
 * How many units two texts begin with alike. Found by halving, a native comparison a step: a
 * bar's text is as long as its row, and unit by unit the search cost more than drawing the cell.
 */
function sharedStart(a: string, b: string): number {
  if (a.startsWith(b)) return b.length;
  let low = 0;
  let high = Math.min(a.length, b.length - 1);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.startsWith(b.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** How many units two texts end with alike, at most `most`. */
function sharedEnd(a: string, b: string, most: number): number {
  let low = 0;
  let high = Math.min(most, a.length, b.length);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.endsWith(b.slice(b.length - mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}
