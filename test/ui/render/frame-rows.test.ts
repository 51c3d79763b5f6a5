import { describe, expect, it } from 'vitest';
import { frameOfLines } from '../../../src/ui/render/frame-rows.js';
import type { Line } from '../../../src/ui/render/line.js';
import { BOLD, PLAIN, styleOf } from '../../../src/ui/render/style.js';
import type { Theme } from '../../../src/ui/theme.js';

const GREEN = styleOf({ fg: 32 });
const seg = (text: string, style = PLAIN) => ({ text, style });

/** `next` drawn right after `first` (from its frame), and drawn from nothing: a theme object of its own shares no frame. */
function drawnAfter(first: readonly Line[], next: readonly Line[], theme: Theme) {
  frameOfLines(first, 12, 4, theme);
  const after = frameOfLines(next, 12, 4, theme).toLines({ styles: true });
  const fresh = frameOfLines(next, 12, 4, { ...theme }).toLines({ styles: true });
  return { after, fresh };
}

describe('a frame drawn from the frame before', () => {
  const before: Line[] = [[seg('head', BOLD)], [seg('ab'), seg('██', GREEN), seg('cd')], [seg('漢字'), seg('x')], [seg('tail')]];
  const cases: Record<string, Line[]> = {
    'a segment changed in the middle, a shorter row, a row gone': [[seg('head', BOLD)], [seg('ab'), seg('█▌', GREEN)], [seg('漢字'), seg('y')]],
    'a style changed, wide characters after the shared start': [
      [seg('head', GREEN)],
      [seg('ab'), seg('漢', GREEN), seg('cd')],
      [seg('漢'), seg('x')],
      [seg('tail')],
    ],
    'more rows and longer ones, clipped at the edge': [
      [seg('head', BOLD)],
      [seg('ab'), seg('██', GREEN), seg('cdefghijklmnop')],
      [seg('漢字'), seg('x')],
      [seg('tail')],
    ],
  };
  for (const [what, next] of Object.entries(cases)) {
    it(`is the frame drawn from nothing: ${what}`, () => {
      for (const theme of [
        { color: true, unicode: true },
        { color: false, unicode: false },
      ]) {
        const { after, fresh } = drawnAfter(before, next, theme);
        expect(after).toEqual(fresh);
      }
    });
  }

  it('writes a row only from where it changed: a segment of the same length in place, a grown bar up to its end', () => {
    const theme = { color: true, unicode: true };
    const first = frameOfLines([[seg('▶ 1× 12.19s │ x', BOLD)], [seg('ab'), seg('██', GREEN), seg('      ')]], 12, 4, theme);
    const lines: Line[] = [[seg('▶ 1× 12.23s │ x', BOLD)], [seg('ab'), seg('███', GREEN), seg('     ')]];
    const next = frameOfLines(lines, 12, 4, theme);
    // The cells before the first one written since the copy are the frame before's (one column
    // before a write, for the half of a wide character it may blank); past the bar all is blank.
    expect([next.changedFrom(first, 0), next.changedFrom(first, 1)]).toEqual([7, 3]);
    expect(next.blankFrom(1)).toBe(5);
    expect(next.toLines({ styles: true })).toEqual(frameOfLines(lines, 12, 4, { ...theme }).toLines({ styles: true }));
  });

  it('keeps the frame before as it was', () => {
    const theme = { color: true, unicode: true };
    const first = frameOfLines(before, 12, 4, theme);
    const shown = first.toLines();
    frameOfLines(cases['a segment changed in the middle, a shorter row, a row gone']!, 12, 4, theme);
    expect(first.toLines()).toEqual(shown);
  });
});
