import type { Theme } from '../theme.js';
import { CellBuffer } from './cell-buffer.js';
import { sameLine, type Line } from './line.js';

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

/**
 * Draws `line` over row `row`, which shows `was`: the segments both begin with are on screen
 * already (drawn by the same writes, so the same cells), and the row is cleared and drawn from
 * the first one that differs. The shared start goes only as far as text whose width is its
 * length (see simpleColumns): beyond it, where the next segment begins is known only by drawing.
 */
function redrawRow(frame: CellBuffer, row: number, line: Line, was: Line): void {
  let same = 0;
  let column = 0;
  while (same < line.length && same < was.length && line[same]!.style === was[same]!.style && line[same]!.text === was[same]!.text) {
    const columns = frame.simpleColumns(line[same]!.text);
    if (columns === null) break;
    column += columns;
    same++;
  }
  frame.clearRow(row, column);
  for (let i = same; i < line.length; i++) column = frame.put(column, row, line[i]!.text, line[i]!.style);
}
