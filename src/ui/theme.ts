import type { SpanState } from '../engine/index.js';
import { stateColour, stateStyles, type Background, type ColourDepth, type ColourScheme, type StateStyles } from './palette.js';
import type { Colour } from './render/style.js';

/** How the terminal can draw: colour (NO_COLOR / FORCE_COLOR), its depth and background, and Unicode glyphs (else ASCII only). */
export interface Theme {
  color: boolean;
  unicode: boolean;
  /** The terminal's background (`--theme`): dark when not given. */
  background?: Background;
  /** The colours the terminal shows: xterm's 256 when not given. */
  depth?: ColourDepth;
}

/** The colour scheme a theme draws with, defaults filled in. */
export function schemeOf(theme: Theme): ColourScheme {
  return { background: theme.background ?? 'dark', depth: theme.depth ?? 256 };
}

/** A state's colour in this theme. */
export const themeColour = (theme: Theme, state: SpanState): Colour => stateColour(schemeOf(theme), state);

/** The styles of Gantt cells in this theme. */
export const themeStyles = (theme: Theme): StateStyles => stateStyles(schemeOf(theme));

/** A glyph per state, so that states differ by more than colour (a cell shows its main state's). */
const UNICODE_GLYPH: Record<SpanState, string> = {
  running: '█',
  ready: '░',
  'gil-wait': '▒',
  io: '─',
  spawn: '▚',
  done: '│',
  failed: '✗',
};
const ASCII_GLYPH: Record<SpanState, string> = {
  running: '#',
  ready: '.',
  'gil-wait': '=',
  io: '-',
  spawn: '+',
  done: '|',
  failed: 'X',
};

/** Left-aligned partial blocks, 1/8 to 8/8 of a cell: sub-cell resolution for short slices. */
export const EIGHTHS = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'] as const;

/** What a partial block means, for the help overlay (colour and Unicode only: elsewhere a cell shows its main state's glyph). */
export const PARTIAL_CELL_MEANING = 'a cell two states share: the first’s share, in its colour, on the second’s';

export function stateGlyph(theme: Theme, state: SpanState): string {
  return (theme.unicode ? UNICODE_GLYPH : ASCII_GLYPH)[state];
}

/** The per-core view's glyph for a core busy only part of a cell (mostly busy shows the lane); `.` in ASCII. */
export const PART_BUSY_GLYPH = '·';

/**
 * ASCII stand-ins for the non-ASCII characters of the dashboard's text (captions, keys, the
 * table, separators, the axis), one column for one: lines are fitted to the width before their
 * cells are written, so a longer spelling (`->`, `...`) would shift them and be cut at the edge.
 */
const ASCII_STAND_IN: Readonly<Record<string, string>> = {
  '×': 'x',
  '÷': '/',
  '≈': '~',
  '≤': '<',
  '≥': '>',
  '−': '-',
  '–': '-',
  '—': '-',
  '…': '.',
  '·': '.',
  µ: 'u',
  '←': '<',
  '→': '>',
  '↑': '^',
  '↓': 'v',
  '▲': '^',
  '▶': '>',
  '│': '|',
  '─': '-',
};

/**
 * Text as the terminal can draw it: unchanged with Unicode; in ASCII, each non-ASCII character
 * becomes its stand-in (`?` if it has none). The cell buffer writes every cell through here, so
 * text from anywhere (a narration, a key's label, an engine message) keeps the `--ascii` promise.
 */
export function drawableText(theme: Theme, text: string): string {
  return theme.unicode ? text : text.replace(/[^\x00-\x7f]/gu, (char) => ASCII_STAND_IN[char] ?? '?');
}

/** What each state means, for the help overlay (≤ 25 columns: two entries fit 80). */
export const STATE_MEANING: Record<SpanState, string> = {
  running: 'on a core (holds the GIL)',
  ready: 'waiting for a core',
  'gil-wait': 'blocked on the GIL',
  io: 'blocked on I/O or asleep',
  spawn: 'starting up',
  done: 'finished',
  failed: 'failed (see the table)',
};

/** The environment and flags a theme is read from. */
export interface ThemeOptions {
  ascii?: boolean | undefined;
  isTTY: boolean;
  /** `--theme`; without it, COLORFGBG (set by rxvt, Konsole and others) says whether the background is light. */
  background?: Background | undefined;
}

/**
 * Colour follows NO_COLOR (any value turns it off) and FORCE_COLOR; Unicode needs a UTF-8 locale
 * and no `--ascii`. Ink's colour library ignores NO_COLOR, so the dashboard decides here. The
 * depth follows the usual signals: COLORTERM `truecolor`/`24bit`, a TERM ending in `256color`,
 * or FORCE_COLOR 2 / 3 (as chalk reads it); else the 16 colours every colour terminal has.
 */
export function themeFromEnvironment(env: NodeJS.ProcessEnv, options: ThemeOptions): Theme {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const color = env.NO_COLOR ? false : forced || (options.isTTY && env.TERM !== 'dumb');
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  const unicode = !options.ascii && env.TERM !== 'linux' && /utf-?8/i.test(locale || 'UTF-8');
  return { color, unicode, depth: colourDepth(env), background: options.background ?? backgroundOf(env) };
}

function colourDepth(env: NodeJS.ProcessEnv): ColourDepth {
  if (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? '') || env.FORCE_COLOR === '3') return 'truecolor';
  if (/256(colou?r)?$/i.test(env.TERM ?? '') || env.FORCE_COLOR === '2') return 256;
  return 16;
}

/** COLORFGBG is `fg;bg` (or `fg;default;bg`) in the 16 colours: 7 and 15 are light backgrounds. */
function backgroundOf(env: NodeJS.ProcessEnv): Background {
  const bg = env.COLORFGBG?.split(';').at(-1);
  return bg === '7' || bg === '15' ? 'light' : 'dark';
}
