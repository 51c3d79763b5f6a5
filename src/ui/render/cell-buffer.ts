import { drawableText, type Theme } from '../theme.js';
import type { Line } from './line.js';
import { PLAIN, sgrParameters, type Style } from './style.js';
import { SPACE, WIDE_RIGHT, codeOf, graphemeOf } from './cell-codes.js';
import { ONE_COLUMN_TEXT, graphemeColumns, graphemes, isOneColumnUnit } from './text.js';

/** Control characters (C0, DEL, C1) would move the cursor or start an escape: never drawn. */
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/** Writes to rows of any buffer so far: each marks the row it changed (see `#rowOrigin`). */
let writes = 0;

/** Printable ASCII: what is simple without Unicode (other text has ASCII stand-ins, of other lengths). */
const ASCII_TEXT = /^[\x20-\x7e]*$/;

/** A grapheme holding a control character; a single UTF-16 unit (most of a frame) is checked by its code. */
function isControl(grapheme: string): boolean {
  if (grapheme.length !== 1) return CONTROL.test(grapheme);
  const code = grapheme.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * One frame as a grid of cells (ratatui's `Buffer`): each cell a grapheme and a style, wide
 * characters taking two cells. Writers clip at the edge, so nothing can be wider or taller than
 * the frame. The theme is applied as cells are written: without colour every style is plain,
 * without Unicode every character is its ASCII stand-in, whatever a view asked for.
 */
export class CellBuffer {
  /** Each cell's grapheme, as `codeOf` numbers it. */
  readonly #chars: Uint32Array;
  readonly #styles: Uint16Array;
  /**
   * Which write left each row as it is (a mark from `writes`, new at every write to it; 0: blank):
   * a row copied to another buffer keeps its mark, so two rows with the same mark hold the same
   * cells without comparing them. Playback changes a few rows a frame; the diff skips the others at once.
   */
  readonly #rowOrigin: Float64Array;
  /** The write this buffer was last changed by (from `writes`): a copy of it knows whether it still holds what it was copied from. */
  #version: number;
  /** The `#version` of the buffer this one was copied from (`successor`), else 0. */
  readonly #copiedFrom: number;
  /**
   * For a copy: per row, the first column written since it was copied (one before, for the right
   * half of a wide character it may have blanked); `columns` for a row not written. The diff of
   * a playing frame against the one it was copied from reads only from there: a few cells at the
   * playhead instead of every cell of each changed row.
   */
  readonly #rowFrom: Int32Array;
  /**
   * Per row, a column from which every cell is blank (a space, plain): the diff of a playing
   * frame stops there, at the bars' end near the playhead, rather than reading the blank rest.
   */
  readonly #blankFrom: Int32Array;

  constructor(
    readonly columns: number,
    readonly rows: number,
    /** How the frame draws (the sinks read its background). */
    readonly theme: Theme,
    from?: CellBuffer,
  ) {
    if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 0 || rows < 0) throw new RangeError(`not a frame size: ${columns}×${rows}`);
    if (from !== undefined) {
      // Native copies of the whole frame: cheaper than drawing or copying its rows one by one.
      this.#chars = from.#chars.slice();
      this.#styles = from.#styles.slice();
      this.#rowOrigin = from.#rowOrigin.slice();
      this.#copiedFrom = from.#version;
      this.#rowFrom = new Int32Array(rows).fill(columns);
      this.#blankFrom = from.#blankFrom.slice();
    } else {
      this.#chars = new Uint32Array(columns * rows).fill(SPACE);
      this.#styles = new Uint16Array(columns * rows);
      this.#rowOrigin = new Float64Array(rows);
      this.#copiedFrom = 0;
      this.#rowFrom = new Int32Array(rows);
      this.#blankFrom = new Int32Array(rows);
    }
    this.#version = ++writes;
  }

  /** A new frame holding the cells of this one, to be changed where the next frame differs (this one stays as it is). */
  successor(): CellBuffer {
    return new CellBuffer(this.columns, this.rows, this.theme, this);
  }

  /**
   * Writes `text` from column `x` of row `y` in `style`, as far as the row goes (a wide
   * character that would cross the edge is left out). Returns the column after the text.
   */
  put(x: number, y: number, text: string, style: Style): number {
    if (y < 0 || y >= this.rows) return x;
    const end = this.#put(x, y, text, style);
    if (end > this.#blankFrom[y]!) this.#blankFrom[y] = Math.min(end, this.columns);
    return end;
  }

  #put(x: number, y: number, text: string, style: Style): number {
    const drawn = this.theme.unicode ? text : drawableText(this.theme, text);
    const cellStyle = this.theme.color ? style : PLAIN;
    this.#wrote(y, x - 1);
    let column = x;
    // Most of a frame is one cell per UTF-16 unit (printable ASCII, box drawing, blocks), none of
    // which joins the unit before it into a grapheme (a mark after one joins it: it is not one of
    // them, and ends this loop): drawn unit by unit, without segmenting the text.
    let simple = 0;
    for (; simple < drawn.length; simple++) {
      if (!isOneColumnUnit(drawn.charCodeAt(simple))) break;
      if (column + 1 > this.columns) return column;
      if (column >= 0) this.#set(y * this.columns + column, drawn.charCodeAt(simple), cellStyle, 1);
      column++;
    }
    if (simple === drawn.length) return column;
    // The last simple unit may be the base of a grapheme (a combining mark follows): drawn again with it.
    if (simple > 0) {
      simple--;
      column--;
    }
    for (const grapheme of graphemes(simple === 0 ? drawn : drawn.slice(simple))) {
      const char = isControl(grapheme) ? '?' : grapheme;
      const width = graphemeColumns(char);
      if (width === 0) continue;
      if (column + width > this.columns) break;
      if (column >= 0) this.#set(y * this.columns + column, codeOf(char), cellStyle, width);
      column += width;
    }
    return column;
  }

  /** Writes a line's segments one after the other from the left of row `y`. */
  putLine(y: number, line: Line): void {
    let column = 0;
    for (const segment of line) column = this.put(column, y, segment.text, segment.style);
  }

  /** Blanks row `y` from column `from` on (a successor's row about to be drawn anew from there). */
  clearRow(y: number, from = 0): void {
    if (y < 0 || y >= this.rows) return;
    const start = y * this.columns;
    const first = start + Math.max(0, Math.min(from, this.columns));
    // A blank cell may be the right half of a wide character that begins before it: blank that too.
    if (first > start && this.#chars[first] === WIDE_RIGHT) this.#chars[first - 1] = SPACE;
    this.#chars.fill(SPACE, first, start + this.columns);
    this.#styles.fill(PLAIN, first, start + this.columns);
    this.#wrote(y, first - start - 1);
    if (first - start < this.#blankFrom[y]!) this.#blankFrom[y] = first - start;
    // A row cleared whole is blank, the same cells as a blank row of any buffer.
    if (first === start) this.#rowOrigin[y] = 0;
  }

  /**
   * The first column of row `y` that may differ from `other`: where writes to the row began since
   * this buffer was copied from `other` (and `other` was not written since), else 0.
   */
  changedFrom(other: CellBuffer, y: number): number {
    return this.#copiedFrom === other.#version && y >= 0 && y < this.rows ? this.#rowFrom[y]! : 0;
  }

  /** A column of row `y` from which every cell is blank (a space, plain): not always the first. */
  blankFrom(y: number): number {
    return y >= 0 && y < this.rows ? this.#blankFrom[y]! : 0;
  }

  /**
   * The columns `put` advances over `text` when each of its units is one cell in this frame's
   * theme (printable ASCII; with Unicode, ONE_COLUMN_TEXT's units), else null (measured only by
   * drawing it). Matched natively: every frame asks it of the segments it keeps.
   */
  simpleColumns(text: string): number | null {
    return (this.theme.unicode ? ONE_COLUMN_TEXT : ASCII_TEXT).test(text) ? text.length : null;
  }

  /** Row `y` holds the same cells here as in `other` (a buffer of the same size). */
  rowEquals(other: CellBuffer, y: number): boolean {
    if (other.columns !== this.columns || other.rows !== this.rows) return false;
    const start = this.#index(0, y);
    if (this.#rowOrigin[y] === other.#rowOrigin[y]) return true;
    // Before the first column written since a copy, and past the last either drew, the cells are alike.
    const end = start + Math.max(this.#blankFrom[y]!, other.#blankFrom[y]!);
    for (let i = start + this.changedFrom(other, y); i < end; i++) {
      if (this.#chars[i] !== other.#chars[i] || this.#styles[i] !== other.#styles[i]) return false;
    }
    return true;
  }

  /** The cell at (x, y) differs from the one in `other`, a buffer of the same size (null: a blank screen). */
  cellDiffers(other: CellBuffer | null, x: number, y: number): boolean {
    const i = this.#index(x, y);
    if (other === null) return this.#chars[i] !== SPACE || this.#styles[i] !== PLAIN;
    return this.#chars[i] !== other.#chars[i] || this.#styles[i] !== other.#styles[i];
  }

  /** The grapheme in a cell ('' for the right half of a wide character). */
  charAt(x: number, y: number): string {
    return graphemeOf(this.#chars[this.#index(x, y)]!);
  }

  styleAt(x: number, y: number): Style {
    return this.#styles[this.#index(x, y)]!;
  }

  /** Same size and the same cells. */
  equals(other: CellBuffer): boolean {
    if (other.columns !== this.columns || other.rows !== this.rows) return false;
    for (let i = 0; i < this.#chars.length; i++) {
      if (this.#chars[i] !== other.#chars[i] || this.#styles[i] !== other.#styles[i]) return false;
    }
    return true;
  }

  /**
   * The frame as text, a string per row up to its last drawn cell (blank rows at the bottom
   * left out). With `styles`, each change of style is an SGR sequence, as a terminal shows it;
   * without, the plain characters, which is what tests read.
   */
  toLines(options: { styles?: boolean } = {}): string[] {
    const lines: string[] = [];
    for (let y = 0; y < this.rows; y++) lines.push(options.styles ? this.#styledRow(y) : this.#plainRow(y));
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  #plainRow(y: number): string {
    const start = y * this.columns;
    let out = '';
    for (let i = start; i < start + this.columns; i++) out += graphemeOf(this.#chars[i]!);
    return out.trimEnd();
  }

  #styledRow(y: number): string {
    const start = y * this.columns;
    let end = start + this.columns;
    while (end > start && this.#chars[end - 1] === SPACE && this.#styles[end - 1] === PLAIN) end--;
    let out = '';
    let style = PLAIN;
    for (let i = start; i < end; i++) {
      if (this.#styles[i] !== style) {
        style = this.#styles[i]!;
        out += `\u001B[${style === PLAIN ? '0' : `0;${sgrParameters(style)}`}m`;
      }
      out += graphemeOf(this.#chars[i]!);
    }
    return style === PLAIN ? out : `${out}\u001B[0m`;
  }

  /** Row `y` is about to be written from `column` on (see `#rowOrigin`, `#rowFrom`). */
  #wrote(y: number, column: number): void {
    this.#version = this.#rowOrigin[y] = ++writes;
    const from = Math.max(0, column);
    if (from < this.#rowFrom[y]!) this.#rowFrom[y] = from;
  }

  #index(x: number, y: number): number {
    if (!(x >= 0 && x < this.columns && y >= 0 && y < this.rows)) throw new RangeError(`no cell at ${x},${y} in ${this.columns}×${this.rows}`);
    return y * this.columns + x;
  }

  /** Sets the cell at `i` (and its right half when wide), blanking halves of wide characters it overwrites. */
  #set(i: number, char: number, style: Style, width: number): void {
    const rowEnd = (Math.floor(i / this.columns) + 1) * this.columns;
    if (this.#chars[i] === WIDE_RIGHT) this.#chars[i - 1] = SPACE;
    const last = i + width - 1;
    if (last + 1 < rowEnd && this.#chars[last + 1] === WIDE_RIGHT) this.#chars[last + 1] = SPACE;
    this.#chars[i] = char;
    this.#styles[i] = style;
    if (width === 2) {
      this.#chars[i + 1] = WIDE_RIGHT;
      this.#styles[i + 1] = style;
    }
  }
}
