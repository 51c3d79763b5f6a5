import { describe, expect, it } from 'vitest';
import { footerLine, helpFooterLine, helpLines, helpPage } from '../../../src/ui/render/help-lines.js';
import { lineText } from '../../../src/ui/render/line.js';
import { columnsOf } from '../../../src/ui/render/text.js';
import { KEYMAP } from '../../../src/ui/state/keymap.js';

const colour = { color: true, unicode: true };
const footer = (width: number, view?: Parameters<typeof footerLine>[1]) => lineText(footerLine(width, view));

describe('the help overlay', () => {
  it("says what the table's short GIL headings mean", () => {
    const help = helpLines(colour, 200).map(lineText).join('\n');
    expect(help).toContain('GIL% gil-wait ÷ (running + gil-wait)');
    expect(help).toContain('hand/s GIL hand-offs a second');
    expect(help).toContain('hold median time a thread kept the GIL');
  });

  it('explains the partial-cell glyphs where they are drawn (colour and Unicode), and says what a cell shows elsewhere', () => {
    expect(helpLines(colour, 80).map(lineText).join('\n')).toContain('▏…▉  a cell two states share: the first’s share, in its colour, on the second’s');
    const plain = helpLines({ color: false, unicode: true }, 80).map(lineText).join('\n');
    expect(plain).not.toContain('▏');
    expect(plain).toContain('a cell shows the state that covered most of it');
  });

  it('fits 80×24 on one page, and pages round at 60×14 (↑/↓), every line on some page', () => {
    expect(helpPage(colour, 80, 21, 0).pages).toBe(1);
    const all = helpLines(colour, 60).map(lineText);
    const { pages } = helpPage(colour, 60, 11, 0);
    expect(pages).toBeGreaterThan(1);
    const paged = Array.from({ length: pages }, (_, page) => helpPage(colour, 60, 11, page).lines.map(lineText)).flat();
    expect(paged).toEqual(all);
    expect(helpPage(colour, 60, 11, pages).lines).toEqual(helpPage(colour, 60, 11, 0).lines);
    expect(helpPage(colour, 60, 11, -1).page).toBe(pages - 1);
    expect(lineText(helpFooterLine(60, 1, pages))).toBe(`Esc, q or ? close the help  ↑↓ page 2 of ${pages}`);
  });
});

describe('the footer', () => {
  it('shows r (real runs) at 80 columns, and help and quit at the narrowest', () => {
    expect(footer(80)).toMatch(/(^| {2})r real( |$)/);
    expect(footer(60)).toMatch(/\? help {2}q quit$/);
  });

  it('shows the primary keys at 200 columns (r, e, i, p, 1-7, zoom), and every key but another view’s when there is room', () => {
    for (const key of ['r real', 'e export', 'i preset', 'p policy', '1-7 scenario', 'z/Z w zoom', '<> pan']) expect(footer(200)).toContain(key);
    const shown = KEYMAP.filter((binding) => binding.footerView === undefined);
    expect(footer(260)).toBe(shown.map((binding) => `${binding.keys} ${binding.action}`).join('  '));
    expect(footer(260, 'side-by-side')).toContain('a axes');
    expect(footer(260)).not.toContain('a axes');
  });

  it('never passes the width, and a wider terminal never shows fewer keys', () => {
    let before = 0;
    for (let width = 60; width <= 220; width++) {
      const text = footer(width);
      expect(columnsOf(text)).toBeLessThanOrEqual(width);
      const keys = text.split('  ').length;
      expect(keys).toBeGreaterThanOrEqual(before);
      before = keys;
    }
  });
});
