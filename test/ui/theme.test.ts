import { describe, expect, it } from 'vitest';
import { SPAN_STATES } from '../../src/engine/index.js';
import { stateColour } from '../../src/ui/palette.js';
import { colourKind } from '../../src/ui/render/style.js';
import { themeFromEnvironment } from '../../src/ui/theme.js';

const tty = { isTTY: true };

describe('the theme from the environment', () => {
  it('reads the colour depth from COLORTERM, TERM and FORCE_COLOR', () => {
    expect(themeFromEnvironment({ TERM: 'xterm', COLORTERM: 'truecolor' }, tty).depth).toBe('truecolor');
    expect(themeFromEnvironment({ TERM: 'tmux-256color' }, tty).depth).toBe(256);
    expect(themeFromEnvironment({ TERM: 'xterm' }, tty).depth).toBe(16);
    expect(themeFromEnvironment({ TERM: 'xterm', FORCE_COLOR: '2' }, tty).depth).toBe(256);
    expect(themeFromEnvironment({ FORCE_COLOR: '3' }, { isTTY: false })).toMatchObject({ color: true, depth: 'truecolor' });
  });

  it('takes the background from --theme, else from COLORFGBG, else dark', () => {
    expect(themeFromEnvironment({}, tty).background).toBe('dark');
    expect(themeFromEnvironment({ COLORFGBG: '0;15' }, tty).background).toBe('light');
    expect(themeFromEnvironment({ COLORFGBG: '0;default;7' }, tty).background).toBe('light');
    expect(themeFromEnvironment({ COLORFGBG: '15;0' }, tty).background).toBe('dark');
    expect(themeFromEnvironment({ COLORFGBG: '15;0' }, { ...tty, background: 'light' }).background).toBe('light');
  });

  it('draws no colour with NO_COLOR or on a dumb terminal', () => {
    expect(themeFromEnvironment({ NO_COLOR: '1', TERM: 'xterm-256color' }, tty).color).toBe(false);
    expect(themeFromEnvironment({ TERM: 'dumb' }, tty).color).toBe(false);
  });
});

describe('the state colours (Okabe–Ito)', () => {
  it('are the SVG export’s colours at 24 bits, and as many distinct colours as states at every depth and background', () => {
    const hex = (state: (typeof SPAN_STATES)[number]) => {
      const kind = colourKind(stateColour({ background: 'light', depth: 'truecolor' }, state));
      return kind.kind === 'rgb' ? `#${kind.hex.toString(16).padStart(6, '0').toUpperCase()}` : null;
    };
    expect(['running', 'gil-wait', 'io', 'spawn'].map((state) => hex(state as never))).toEqual(['#009E73', '#D55E00', '#0072B2', '#CC79A7']);
    for (const background of ['dark', 'light'] as const) {
      for (const depth of [16, 256, 'truecolor'] as const) {
        expect(new Set(SPAN_STATES.map((state) => stateColour({ background, depth }, state))).size).toBe(SPAN_STATES.length);
      }
    }
  });
});
