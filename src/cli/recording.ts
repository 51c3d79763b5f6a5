import { UsageError } from '../engine/index.js';
import { CastWriter } from '../export/asciicast.js';
import { MIN_COLUMNS, MIN_ROWS, type TerminalSize } from '../ui/layout.js';
import { checkOutputPath } from './output-path.js';
import type { RecordingFlags } from './recording-options.js';
import { parseWhole } from './values.js';

const MAX_SIZE = { columns: 500, rows: 200 };

/**
 * One dimension of a chosen picture size. Below the dashboard's minimum the picture would only
 * say "Enlarge the terminal", which a chosen size can never do: refused, with the minimum.
 */
function parseDimension(text: string, flag: 'cols' | 'rows'): number {
  const [min, max, unit, fault] = flag === 'cols' ? [MIN_COLUMNS, MAX_SIZE.columns, 'columns', 'narrow'] : [MIN_ROWS, MAX_SIZE.rows, 'rows', 'short'];
  const raw = text.trim();
  if (/^\d+$/.test(raw) && Number(raw) < min) {
    throw new UsageError(`--${flag}: ${Number(raw)} is too ${fault}; the dashboard needs at least ${min} ${unit} (${MIN_COLUMNS}×${MIN_ROWS})`);
  }
  return parseWhole(raw, flag, min, max);
}

/** The terminal's size now (80×24 when it does not say). */
export function terminalSize(terminal: { columns?: number; rows?: number } = process.stdout): TerminalSize {
  return { columns: terminal.columns || 80, rows: terminal.rows || 24 };
}

/** `--cols`/`--rows` (both, or one with the terminal's other dimension), or null for the terminal's. */
export function fixedSize(flags: RecordingFlags, terminal: { columns?: number; rows?: number }): TerminalSize | null {
  if (flags.cols === undefined && flags.rows === undefined) return null;
  const current = terminalSize(terminal);
  return {
    columns: flags.cols === undefined ? current.columns : parseDimension(flags.cols, 'cols'),
    rows: flags.rows === undefined ? current.rows : parseDimension(flags.rows, 'rows'),
  };
}

/**
 * A fixed size must fit the terminal that shows it live: a wider picture would wrap and garble
 * the screen (a recording without a terminal may have any size).
 */
export function checkFitsTerminal(size: TerminalSize | null, terminal: { columns?: number; rows?: number }): void {
  if (size === null) return;
  const { columns, rows } = terminalSize(terminal);
  if (size.columns > columns || size.rows > rows) {
    throw new UsageError(
      `--cols/--rows: ${size.columns}×${size.rows} does not fit this terminal (${columns}×${rows}); enlarge it or record without one (--script)`,
    );
  }
}

/**
 * A script (or the demo) plays to a terminal or into a cast. With neither it would play to nobody
 * and exit 0 having shown nothing, which looks like success: refused instead.
 */
export function checkHasAudience(what: string, live: boolean, flags: RecordingFlags): void {
  if (!live && flags.record === undefined) throw new UsageError(`${what} needs a terminal to play in, or --record FILE to write a cast`);
}

/** Header bytes kept for a later title: a few scenario names. */
const TITLE_ROOM = 120;

/** Opens the cast file (never overwriting without --force) for a picture of `size`. */
export function openCast(path: string, size: TerminalSize, title: string, force: boolean): CastWriter {
  checkOutputPath(path, 'record', force);
  // Room for the title a scripted cast ends with (the scenarios it showed: `concur-tui count → convoy`).
  return CastWriter.create(path, { width: size.columns, height: size.rows, title, titleRoom: TITLE_ROOM }, { force });
}
