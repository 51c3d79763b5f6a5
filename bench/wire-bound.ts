import xterm from '@xterm/headless';
import type { IBufferCell, Terminal as XtermTerminal } from '@xterm/headless';

// @xterm/headless is CommonJS without an ESM "exports" map, so Node gives us only a default export.
const { Terminal } = xterm;

/** One chunk a program wrote to its terminal, and when (ms on the shared epoch clock). */
export interface Chunk {
  atMs: number;
  bytes: Uint8Array;
}

/** What a stretch of a terminal stream cost on the wire and what repainting only its changed cells would cost. */
export interface WireCost {
  /** Bytes written within the window. */
  bytes: number;
  /** Bytes a writer needs that sends, per frame, only the cells that changed (see `changedCellBytes`). */
  boundBytes: number;
  /** Frames within the window: bursts of writes (chunks closer than `FRAME_GAP_MS` belong to one). */
  frames: number;
  /** Cells that changed, summed over the window's frames. */
  changedCells: number;
}

/** Writes closer together than this are one frame (a frame is one write; a pipe may split it). */
const FRAME_GAP_MS = 4;

/** A cell as the eye sees it: its character and everything that colours it. */
interface Look {
  char: string;
  /** 0 for the right half of a wide character (drawn by its left half). */
  width: number;
  fg: Colour;
  bg: Colour;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

/** A colour as xterm keeps it: the mode (default, the 256 palette, 24-bit) and the value. */
interface Colour {
  mode: 'default' | 'palette' | 'rgb';
  value: number;
}

/**
 * Replays `chunks` into a headless xterm of `columns`×`rows` and prices the frames that start
 * within [fromMs, toMs): their bytes as written, and the bytes of a changed-cell repaint of
 * each frame (the screen before it against the screen after it). Chunks before the window
 * are replayed too, so the window starts from the screen the terminal really showed.
 */
export async function wireCost(chunks: readonly Chunk[], columns: number, rows: number, fromMs: number, toMs: number): Promise<WireCost> {
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true, scrollback: 0 });
  const cost: WireCost = { bytes: 0, boundBytes: 0, frames: 0, changedCells: 0 };
  try {
    for (const frame of framesOf(chunks)) {
      const inWindow = frame[0]!.atMs >= fromMs && frame[0]!.atMs < toMs;
      const before = inWindow ? screenOf(terminal) : null;
      for (const chunk of frame) await write(terminal, chunk.bytes);
      if (before === null) continue;
      const after = screenOf(terminal);
      cost.frames++;
      cost.bytes += frame.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
      const priced = changedCellBytes(before, after, columns);
      cost.boundBytes += priced.bytes;
      cost.changedCells += priced.cells;
    }
    return cost;
  } finally {
    terminal.dispose();
  }
}

/** Chunks grouped into frames: a frame ends where the stream pauses for `FRAME_GAP_MS`. */
function framesOf(chunks: readonly Chunk[]): Chunk[][] {
  const frames: Chunk[][] = [];
  for (const chunk of chunks) {
    const current = frames.at(-1);
    if (current !== undefined && chunk.atMs - current.at(-1)!.atMs < FRAME_GAP_MS) current.push(chunk);
    else frames.push([chunk]);
  }
  return frames;
}

function write(terminal: XtermTerminal, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => terminal.write(bytes, resolve));
}

/** Every cell of the visible screen, row by row. */
function screenOf(terminal: XtermTerminal): Look[][] {
  const buffer = terminal.buffer.active;
  const screen: Look[][] = [];
  let cell: IBufferCell | undefined;
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const row: Look[] = [];
    for (let x = 0; x < terminal.cols; x++) {
      cell = line?.getCell(x, cell);
      row.push(cell === undefined ? BLANK : lookOf(cell));
    }
    screen.push(row);
  }
  return screen;
}

const BLANK: Look = {
  char: ' ',
  width: 1,
  fg: { mode: 'default', value: 0 },
  bg: { mode: 'default', value: 0 },
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
};

function lookOf(cell: IBufferCell): Look {
  const colour = (isDefault: boolean, isRgb: boolean, value: number): Colour => ({
    mode: isDefault ? 'default' : isRgb ? 'rgb' : 'palette',
    value: isDefault ? 0 : value,
  });
  return {
    char: cell.getChars() || ' ',
    width: cell.getWidth(),
    fg: colour(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()),
    bg: colour(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()),
    bold: cell.isBold() !== 0,
    dim: cell.isDim() !== 0,
    italic: cell.isItalic() !== 0,
    underline: cell.isUnderline() !== 0,
    inverse: cell.isInverse() !== 0,
  };
}

const sameColour = (a: Colour, b: Colour) => a.mode === b.mode && a.value === b.value;
const sameStyle = (a: Look, b: Look) =>
  sameColour(a.fg, b.fg) &&
  sameColour(a.bg, b.bg) &&
  a.bold === b.bold &&
  a.dim === b.dim &&
  a.italic === b.italic &&
  a.underline === b.underline &&
  a.inverse === b.inverse;
const sameLook = (a: Look, b: Look) => a.char === b.char && a.width === b.width && sameStyle(a, b);

/**
 * The bytes of a repaint that writes exactly the cells that differ between `before` and
 * `after`: each cell's character (UTF-8), an SGR sequence wherever its style differs from the
 * one the terminal draws with (only what changes; a reset first when an attribute must go), and
 * a cursor move wherever the next changed cell is not where the cursor is (the shorter of an
 * absolute `CSI r;cH`, a forward `CSI nC` on the same row, or `\r\n` plus one to the next row).
 * The terminal's style is unknown at the frame's start (one reset is paid) and the cursor's too.
 * Unchanged cells are never rewritten, so a writer that bridges a one-cell gap by rewriting it
 * may come in a little under this bound; a writer far above it sends more than the picture needs.
 */
export function changedCellBytes(before: readonly (readonly Look[])[], after: readonly (readonly Look[])[], columns: number): { bytes: number; cells: number } {
  let bytes = 0;
  let cells = 0;
  let cursor: { row: number; column: number } | null = null;
  let style: Look | null = null;
  after.forEach((row, y) => {
    for (let x = 0; x < columns; x++) {
      const cell = row[x]!;
      if (sameLook(cell, before[y]![x]!)) continue;
      // A wide character's right half changes with its left half, which draws both.
      const start = cell.width === 0 && x > 0 ? x - 1 : x;
      const drawn = row[start]!;
      if (cursor === null || cursor.row !== y || cursor.column !== start) bytes += moveBytes(cursor, y, start);
      bytes += style === null ? sgrBytes(null, drawn) : sameStyle(style, drawn) ? 0 : sgrBytes(style, drawn);
      style = drawn;
      bytes += Buffer.byteLength(drawn.char);
      cells++;
      const next = start + Math.max(1, drawn.width);
      cursor = next < columns ? { row: y, column: next } : null;
      x = next - 1;
    }
  });
  return { bytes, cells };
}

function moveBytes(from: { row: number; column: number } | null, row: number, column: number): number {
  const digits = (n: number) => String(n).length;
  const forward = (n: number) => (n === 0 ? 0 : n === 1 ? 3 : 3 + digits(n));
  // CSI H, CSI r H, CSI r;c H: the defaults (row 1, column 1) left out.
  const absolute = row === 0 && column === 0 ? 3 : 3 + digits(row + 1) + (column === 0 ? 0 : 1 + digits(column + 1));
  if (from === null) return absolute;
  if (from.row === row && column > from.column) return Math.min(absolute, forward(column - from.column));
  if (row === from.row + 1) return Math.min(absolute, 2 + forward(column));
  return absolute;
}

/** Bytes of the SGR sequence that turns the terminal's style `from` (null: unknown) into `to`'s. */
function sgrBytes(from: Look | null, to: Look): number {
  const set = (look: Look) => [
    ...(look.bold ? ['1'] : []),
    ...(look.dim ? ['2'] : []),
    ...(look.italic ? ['3'] : []),
    ...(look.underline ? ['4'] : []),
    ...(look.inverse ? ['7'] : []),
    ...(look.fg.mode === 'default' ? [] : [colourCode(look.fg, 'fg')]),
    ...(look.bg.mode === 'default' ? [] : [colourCode(look.bg, 'bg')]),
  ];
  const dropsAttribute =
    from !== null &&
    ((from.bold && !to.bold) || (from.dim && !to.dim) || (from.italic && !to.italic) || (from.underline && !to.underline) || (from.inverse && !to.inverse));
  let codes: string[];
  if (from === null || dropsAttribute) {
    codes = ['0', ...set(to)];
  } else {
    codes = [];
    if (to.bold && !from.bold) codes.push('1');
    if (to.dim && !from.dim) codes.push('2');
    if (to.italic && !from.italic) codes.push('3');
    if (to.underline && !from.underline) codes.push('4');
    if (to.inverse && !from.inverse) codes.push('7');
    if (!sameColour(from.fg, to.fg)) codes.push(to.fg.mode === 'default' ? '39' : colourCode(to.fg, 'fg'));
    if (!sameColour(from.bg, to.bg)) codes.push(to.bg.mode === 'default' ? '49' : colourCode(to.bg, 'bg'));
  }
  return 3 + codes.join(';').length;
}

/** The SGR parameters of a colour: `31`, `91`, `38;5;36`, `38;2;0;158;115` (backgrounds alike). */
function colourCode(colour: Colour, place: 'fg' | 'bg'): string {
  const lead = place === 'fg' ? 3 : 4;
  if (colour.mode === 'rgb') return `${lead}8;2;${(colour.value >> 16) & 0xff};${(colour.value >> 8) & 0xff};${colour.value & 0xff}`;
  if (colour.value < 8) return `${lead}${colour.value}`;
  if (colour.value < 16) return `${lead + 6}${colour.value - 8}`;
  return `${lead}8;5;${colour.value}`;
}
