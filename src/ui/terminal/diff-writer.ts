import { parseFrame, type Cell } from './cell-grid.js';

const BEGIN_SYNC = '\u001B[?2026h';
const END_SYNC = '\u001B[?2026l';
const RESET = '\u001B[0m';
const CLEAR_SCREEN = '\u001B[2J';
/** Unchanged cells bridged inside a run: cheaper to rewrite than to move the cursor again. */
const BRIDGE = 4;

const moveTo = (row: number, column: number) => `\u001B[${row + 1};${column + 1}H`;
const styled = (style: string) => (style === '' ? RESET : `${RESET}\u001B[${style}m`);
const same = (a: Cell | undefined, b: Cell | undefined) => a?.char === b?.char && a?.style === b?.style;

/**
 * Turns whole frames into the few bytes that change the screen from the previous frame:
 * cursor moves, colour changes and the changed cells only. Ink redraws every line of a frame;
 * between two frames of a playing Gantt chart only a few cells differ.
 */
export class DiffWriter {
  private screen: Cell[][] = [];
  private columns = 0;
  /** The style the terminal draws with now, during an update. */
  private style: string | undefined;

  /** Forgets the screen: the next frame is drawn in full (after a resize, or at start). */
  invalidate(): void {
    this.screen = [];
  }

  /** The bytes that turn the current screen into `frame` (empty when nothing changed). */
  draw(frame: string, columns: number): string {
    const next = parseFrame(frame, columns);
    let out = '';
    if (this.screen.length === 0 || columns !== this.columns) {
      out += CLEAR_SCREEN;
      this.screen = [];
      this.columns = columns;
    }
    this.style = undefined; // unknown until this update sets it
    for (let row = 0; row < Math.max(next.length, this.screen.length); row++) {
      out += this.diffRow(row, this.screen[row] ?? [], next[row] ?? []);
    }
    this.screen = next;
    return out === '' ? '' : `${BEGIN_SYNC}${out}${RESET}${END_SYNC}`;
  }

  private diffRow(row: number, before: Cell[], after: Cell[]): string {
    let out = '';
    const width = Math.max(before.length, after.length);
    for (let column = 0; column < width; ) {
      if (same(before[column], after[column])) {
        column++;
        continue;
      }
      // A run of changes, bridging short stretches of unchanged cells.
      let end = column;
      for (let quiet = 0, i = column; i < width && quiet <= BRIDGE; i++) {
        if (same(before[i], after[i])) quiet++;
        else [quiet, end] = [0, i + 1];
      }
      out += moveTo(row, column);
      for (let i = column; i < end; i++) {
        const cell = after[i] ?? { char: ' ', style: '' };
        if (cell.char === '') continue; // covered by the wide character to its left
        if (cell.style !== this.style) out += styled((this.style = cell.style));
        out += cell.char;
      }
      column = end;
    }
    return out;
  }
}
