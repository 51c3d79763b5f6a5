import type { CellBuffer } from '../render/cell-buffer.js';
import { PLAIN, type Style } from '../render/style.js';
import { cursorMove, type Cursor } from './cursor-move.js';
import { sgrTransition } from './sgr.js';

const BEGIN_SYNC = '\u001B[?2026h';
const END_SYNC = '\u001B[?2026l';
const CLEAR_SCREEN = '\u001B[2J';
/** Longest stretch of unchanged cells worth rewriting instead of moving the cursor over it. */
const LONGEST_BRIDGE = 8;

/**
 * Turns frames (cell buffers) into the few bytes that change the screen from the previous
 * frame: the changed cells only, reached with the shortest cursor moves, each change of style
 * one short SGR sequence. Between two frames of a playing Gantt chart only a few cells differ.
 */
export class DiffWriter {
  private shown: CellBuffer | null = null;
  /**
   * Where the cursor is (null: not known, the next move is absolute) and the style the terminal
   * draws with (undefined: not known). Both carry over from one update to the next: nothing but
   * this writer draws on the screen while it owns it.
   */
  private cursor: Cursor | null = null;
  private style: Style | undefined;

  /** Forgets the screen: the next frame is drawn in full (after a resize, or at start). */
  invalidate(): void {
    this.shown = null;
    this.cursor = null;
    this.style = undefined;
  }

  /** The bytes that turn the current screen into `frame` (empty when nothing changed). */
  draw(frame: CellBuffer): string {
    let before = this.shown;
    let out = '';
    if (before === null || before.columns !== frame.columns || before.rows !== frame.rows) {
      this.invalidate();
      out += CLEAR_SCREEN;
      before = null; // a cleared screen: every cell blank
    }
    for (let row = 0; row < frame.rows; row++) {
      // Most rows of a playing frame are those of the frame before: skipped whole.
      if (before === null || !frame.rowEquals(before, row)) out += this.diffRow(row, before, frame);
    }
    this.shown = frame;
    if (out === '') return '';
    // Plain between updates: whatever else reaches the terminal (a cursor switch) is drawn plain.
    if (this.style !== PLAIN) out += sgrTransition(this.style, (this.style = PLAIN));
    return `${BEGIN_SYNC}${out}${END_SYNC}`;
  }

  private diffRow(row: number, before: CellBuffer | null, after: CellBuffer): string {
    let out = '';
    // A playing frame is a copy of the one before, written from a column near the playhead on; past the last cell either frame drew, both are blank.
    const end = before === null ? after.blankFrom(row) : Math.max(after.blankFrom(row), before.blankFrom(row));
    for (let column = before === null ? 0 : after.changedFrom(before, row); column < end; column++) {
      if (!after.cellDiffers(before, column, row)) continue;
      // The right half of a wide character is drawn by its left half.
      const start = after.charAt(column, row) === '' ? column - 1 : column;
      out += this.reach(row, start, after);
      out += this.writeCell(row, start, after);
      column = this.cursor === null ? end : this.cursor.column - 1;
    }
    return out;
  }

  /** Moves to (row, column), or rewrites the few unchanged cells before it when that is shorter. */
  private reach(row: number, column: number, frame: CellBuffer): string {
    const from = this.cursor;
    const move = cursorMove(from, { row, column });
    if (from === null || from.row !== row || column - from.column > LONGEST_BRIDGE || column < from.column) return this.moved(move, row, column);
    let bridge = '';
    let style = this.style;
    for (let x = from.column; x < column; x++) {
      const char = frame.charAt(x, row);
      if (char === '') continue;
      bridge += sgrTransition(style, (style = frame.styleAt(x, row))) + char;
    }
    const target = frame.styleAt(column, row);
    if (Buffer.byteLength(bridge) + sgrTransition(style, target).length > move.length + sgrTransition(this.style, target).length) {
      return this.moved(move, row, column);
    }
    this.style = style;
    this.cursor = { row, column };
    return bridge;
  }

  private moved(move: string, row: number, column: number): string {
    this.cursor = { row, column };
    return move;
  }

  private writeCell(row: number, column: number, frame: CellBuffer): string {
    const style = frame.styleAt(column, row);
    const out = sgrTransition(this.style, style) + frame.charAt(column, row);
    this.style = style;
    const next = column + (column + 1 < frame.columns && frame.charAt(column + 1, row) === '' ? 2 : 1);
    // After the last column a terminal waits to wrap: where the cursor is then differs between terminals.
    this.cursor = next < frame.columns ? { row, column: next } : null;
    return out;
  }
}
