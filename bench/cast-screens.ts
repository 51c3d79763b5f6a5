import xterm from '@xterm/headless';
import type { IBufferCell, Terminal as XtermTerminal } from '@xterm/headless';
import { readCast, type CastEvent, type CastHeader } from '../src/export/asciicast.js';

// @xterm/headless is CommonJS without an ESM "exports" map, so Node gives us only a default export.
const { Terminal } = xterm;

/** What a cell looks like: its character, width, colours and attributes (nothing about how the bytes drew it). */
export interface CellLook {
  char: string;
  width: number;
  fg: string;
  bg: string;
  attributes: string[];
}

/** Where two casts first show different screens. */
export interface ScreenDifference {
  atSeconds: number;
  row: number;
  column: number;
  a: CellLook | string;
  b: CellLook | string;
  rowA: string;
  rowB: string;
}

export interface Comparison {
  /** Moments compared: every time either cast has an output or resize event. */
  moments: number;
  eventsA: number;
  eventsB: number;
  firstDifference: ScreenDifference | null;
}

/**
 * Replays two asciicast v2 files into headless xterms side by side and compares the screens
 * (every cell's character, colours and attributes) after every output or resize event of
 * either, at that event's time; stops at the first difference. Bytes may differ: a writer that
 * reaches the same screen with fewer cursor moves or colour codes compares equal.
 */
export async function compareCasts(textA: string, textB: string): Promise<Comparison> {
  const a = readCast(textA);
  const b = readCast(textB);
  const sizeDifference = headerDifference(a.header, b.header);
  const drawn = (events: CastEvent[]) => events.filter(([, code]) => code === 'o' || code === 'r');
  const eventsA = drawn(a.events);
  const eventsB = drawn(b.events);
  if (sizeDifference) return { moments: 0, eventsA: eventsA.length, eventsB: eventsB.length, firstDifference: sizeDifference };
  const times = [...new Set([...eventsA, ...eventsB].map(([seconds]) => seconds))].sort((x, y) => x - y);
  const screenA = new Screen(a.header);
  const screenB = new Screen(b.header);
  try {
    let moments = 0;
    for (const atSeconds of times) {
      await screenA.playUntil(eventsA, atSeconds);
      await screenB.playUntil(eventsB, atSeconds);
      moments++;
      const difference = firstDifference(screenA.terminal, screenB.terminal, atSeconds);
      if (difference) return { moments, eventsA: eventsA.length, eventsB: eventsB.length, firstDifference: difference };
    }
    return { moments, eventsA: eventsA.length, eventsB: eventsB.length, firstDifference: null };
  } finally {
    screenA.terminal.dispose();
    screenB.terminal.dispose();
  }
}

function headerDifference(a: CastHeader, b: CastHeader): ScreenDifference | null {
  if (a.width === b.width && a.height === b.height) return null;
  return { atSeconds: 0, row: -1, column: -1, a: `${a.width}×${a.height}`, b: `${b.width}×${b.height}`, rowA: '', rowB: '' };
}

/** One cast being replayed: a terminal and how far into the events it has got. */
class Screen {
  readonly terminal: XtermTerminal;
  private next = 0;

  constructor(header: CastHeader) {
    this.terminal = new Terminal({ cols: header.width, rows: header.height, allowProposedApi: true, scrollback: 0 });
  }

  async playUntil(events: CastEvent[], atSeconds: number): Promise<void> {
    for (; this.next < events.length && events[this.next]![0] <= atSeconds; this.next++) {
      const [, code, data] = events[this.next]!;
      if (code === 'o') await new Promise<void>((resolve) => this.terminal.write(data, resolve));
      else {
        const [columns, rows] = data.split('x').map(Number);
        this.terminal.resize(columns!, rows!);
      }
    }
  }
}

function firstDifference(a: XtermTerminal, b: XtermTerminal, atSeconds: number): ScreenDifference | null {
  const where = (row: number, column: number, lookA: CellLook | string, lookB: CellLook | string): ScreenDifference => ({
    atSeconds,
    row,
    column,
    a: lookA,
    b: lookB,
    rowA: rowText(a, row),
    rowB: rowText(b, row),
  });
  if (a.cols !== b.cols || a.rows !== b.rows) return where(-1, -1, `${a.cols}×${a.rows}`, `${b.cols}×${b.rows}`);
  if (a.buffer.active.type !== b.buffer.active.type) return where(-1, -1, `${a.buffer.active.type} screen`, `${b.buffer.active.type} screen`);
  const cellA = a.buffer.active.getNullCell();
  const cellB = b.buffer.active.getNullCell();
  for (let row = 0; row < a.rows; row++) {
    const lineA = a.buffer.active.getLine(a.buffer.active.baseY + row);
    const lineB = b.buffer.active.getLine(b.buffer.active.baseY + row);
    for (let column = 0; column < a.cols; column++) {
      const lookA = look(lineA?.getCell(column, cellA));
      const lookB = look(lineB?.getCell(column, cellB));
      if (describe(lookA) !== describe(lookB)) return where(row, column, lookA, lookB);
    }
  }
  return null;
}

const ATTRIBUTES: [name: string, test: (cell: IBufferCell) => number][] = [
  ['bold', (cell) => cell.isBold()],
  ['dim', (cell) => cell.isDim()],
  ['italic', (cell) => cell.isItalic()],
  ['underline', (cell) => cell.isUnderline()],
  ['blink', (cell) => cell.isBlink()],
  ['inverse', (cell) => cell.isInverse()],
  ['invisible', (cell) => cell.isInvisible()],
  ['strikethrough', (cell) => cell.isStrikethrough()],
  ['overline', (cell) => cell.isOverline()],
];

function look(cell: IBufferCell | undefined): CellLook {
  if (!cell) return { char: ' ', width: 1, fg: 'default', bg: 'default', attributes: [] };
  // An erased cell and a written space look the same.
  const char = cell.getChars() || (cell.getWidth() === 0 ? '' : ' ');
  const colour = (isDefault: boolean, isRGB: boolean, value: number) =>
    isDefault ? 'default' : isRGB ? `#${value.toString(16).padStart(6, '0')}` : `palette ${value}`;
  return {
    char,
    width: cell.getWidth(),
    fg: colour(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()),
    bg: colour(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()),
    attributes: ATTRIBUTES.filter(([, test]) => test(cell) !== 0).map(([name]) => name),
  };
}

/** A cell in words: `'█' fg palette 2, bg default, bold`. */
export function describe(cell: CellLook | string): string {
  if (typeof cell === 'string') return cell;
  const attributes = cell.attributes.length > 0 ? `, ${cell.attributes.join(' ')}` : '';
  return `${JSON.stringify(cell.char)}${cell.width === 2 ? ' (wide)' : ''} fg ${cell.fg}, bg ${cell.bg}${attributes}`;
}

function rowText(terminal: XtermTerminal, row: number): string {
  if (row < 0) return '';
  return terminal.buffer.active.getLine(terminal.buffer.active.baseY + row)?.translateToString(true) ?? '';
}
