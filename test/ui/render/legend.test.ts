import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { SPAN_STATES } from '../../../src/engine/index.js';
import { helpLines } from '../../../src/ui/render/help-lines.js';
import { legendLine as legendLineOf } from '../../../src/ui/render/legend.js';
import { lineText } from '../../../src/ui/render/line.js';
import { stateGlyph } from '../../../src/ui/theme.js';

const legendLine = (...args: Parameters<typeof legendLineOf>) => lineText(legendLineOf(...args));

describe('legend', () => {
  it('lists every state the help lists, with the same glyph (Unicode and ASCII)', () => {
    for (const theme of [
      { color: false, unicode: true },
      { color: false, unicode: false },
    ]) {
      const legend = legendLine(theme, 80);
      const help = helpLines(theme, 80).map(lineText).join('\n');
      for (const state of SPAN_STATES) {
        expect(legend).toContain(`${stateGlyph(theme, state)} ${state}`);
        expect(help).toContain(`${stateGlyph(theme, state)} ${state}`);
      }
    }
  });

  it('leaves out whole entries that do not fit, never half of one', () => {
    const legend = legendLine({ color: false, unicode: true }, 60);
    expect(stringWidth(legend)).toBeLessThanOrEqual(60);
    expect(legend).toBe('█ running  ░ ready  ▒ gil-wait  ─ io  ▚ spawn  │ done');
  });
});
