import { SPAN_STATES, type SpanState } from '../engine/index.js';
import { background, indexedColour, rgbColour, styleOf, type Colour, type Style } from './render/style.js';

/** The terminal's background, which the colours must stand out on (`--theme`). */
export type Background = 'dark' | 'light';
export const BACKGROUNDS: readonly Background[] = ['dark', 'light'];

/** The colours a terminal can show: the 16 of SGR 30–37 / 90–97, xterm's 256, or 24-bit. */
export type ColourDepth = 16 | 256 | 'truecolor';

/** One state's colour at each depth: the 24-bit one, its nearest of xterm's 256, and the nearest of the 16. */
interface StateColour {
  rgb: number;
  xterm: number;
  basic: number;
}

/**
 * The Okabe–Ito palette (the SVG export's), which stays distinct under the common colour-vision
 * deficiencies: bluish green runs, yellow (orange on light) waits for a core, vermillion waits for
 * the GIL, blue sleeps, reddish purple starts. On a light background the yellow and sky blue that
 * read on dark would fade, so their darker siblings take their place. The 16-colour fallback has
 * no such hues: there the glyphs (`█ ░ ▒ ─ ▚`) tell the states apart.
 */
const PALETTES: Record<Background, Record<SpanState, StateColour>> = {
  dark: {
    running: { rgb: 0x009e73, xterm: 36, basic: 32 },
    ready: { rgb: 0xf0e442, xterm: 221, basic: 33 },
    'gil-wait': { rgb: 0xd55e00, xterm: 166, basic: 31 },
    io: { rgb: 0x56b4e9, xterm: 74, basic: 94 },
    spawn: { rgb: 0xcc79a7, xterm: 175, basic: 35 },
    done: { rgb: 0x999999, xterm: 246, basic: 90 },
    failed: { rgb: 0xff4040, xterm: 203, basic: 91 },
  },
  light: {
    running: { rgb: 0x009e73, xterm: 36, basic: 32 },
    ready: { rgb: 0xe69f00, xterm: 178, basic: 33 },
    'gil-wait': { rgb: 0xd55e00, xterm: 166, basic: 31 },
    io: { rgb: 0x0072b2, xterm: 25, basic: 34 },
    spawn: { rgb: 0xcc79a7, xterm: 175, basic: 35 },
    done: { rgb: 0x555555, xterm: 240, basic: 90 },
    failed: { rgb: 0xc00000, xterm: 124, basic: 91 },
  },
};

/** What the state colours depend on. */
export interface ColourScheme {
  background: Background;
  depth: ColourDepth;
}

/** The colour of a state on this background at this depth. */
export function stateColour(scheme: ColourScheme, state: SpanState): Colour {
  const colour = PALETTES[scheme.background][state];
  return scheme.depth === 'truecolor' ? rgbColour(colour.rgb) : scheme.depth === 256 ? indexedColour(colour.xterm) : colour.basic;
}

/** The styles a Gantt bar draws with, for one scheme. */
export interface StateStyles {
  /** A state's glyph or partial block, in its colour. */
  state: Record<SpanState, Style>;
  /** A cell shared by two states: the first (`left`) in the foreground, the second in the background. */
  split: (left: SpanState, main: SpanState) => Style;
  /** Where a lane failed: bold, in the failure's colour. */
  failed: Style;
}

const cache = new Map<string, StateStyles>();

export function stateStyles(scheme: ColourScheme): StateStyles {
  const key = `${scheme.background} ${scheme.depth}`;
  let styles = cache.get(key);
  if (!styles) {
    const colour = (state: SpanState) => stateColour(scheme, state);
    const state = Object.fromEntries(SPAN_STATES.map((s) => [s, styleOf({ fg: colour(s) })])) as Record<SpanState, Style>;
    // By state, then state: a split cell is looked up without building a key (every playback frame draws some).
    const splits = Object.fromEntries(
      SPAN_STATES.map((left) => [left, Object.fromEntries(SPAN_STATES.map((main) => [main, styleOf({ fg: colour(left), bg: background(colour(main)) })]))]),
    ) as Record<SpanState, Record<SpanState, Style>>;
    styles = { state, split: (left, main) => splits[left][main], failed: styleOf({ bold: true, fg: colour('failed') }) };
    cache.set(key, styles);
  }
  return styles;
}
