import type { SpanState } from '../engine/index.js';

/** How the terminal can draw: colour (NO_COLOR / FORCE_COLOR) and Unicode glyphs (else ASCII only). */
export interface Theme {
  color: boolean;
  unicode: boolean;
}

/** SGR colour numbers (foreground 30–37/90–97; background = foreground + 10). */
export const STATE_COLOR: Record<SpanState, number> = {
  running: 32, // green
  ready: 33, // yellow
  'gil-wait': 31, // red
  io: 34, // blue
  spawn: 35, // magenta
  done: 90, // grey
  failed: 91, // bright red
};

/** Glyphs that tell states apart without colour, dominant state per cell. */
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

/** What each state means, for the legend and the help overlay. */
export const STATE_MEANING: Record<SpanState, string> = {
  running: 'on a core (holding the GIL if there is one)',
  ready: 'runnable, waiting for a core (or for its worker)',
  'gil-wait': 'blocked on the GIL',
  io: 'blocked on I/O or sleeping',
  spawn: 'a process starting up',
  done: 'finished',
  failed: 'failed (the reason is in the table)',
};

/**
 * Colour follows NO_COLOR (any value turns it off) and FORCE_COLOR; Unicode needs a UTF-8 locale
 * and no `--ascii`. Ink's colour library ignores NO_COLOR, so the dashboard decides here.
 */
export function themeFromEnvironment(env: NodeJS.ProcessEnv, options: { ascii?: boolean; isTTY: boolean }): Theme {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const color = env.NO_COLOR ? false : forced || (options.isTTY && env.TERM !== 'dumb');
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  const unicode = !options.ascii && env.TERM !== 'linux' && /utf-?8/i.test(locale || 'UTF-8');
  return { color, unicode };
}
