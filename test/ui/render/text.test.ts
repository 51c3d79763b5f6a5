import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { charColumns, columnsOf, truncate } from '../../../src/ui/render/text.js';

/** What frames hold (ASCII, boxes, blocks, symbols) and what could come from users (CJK, emoji, marks). */
const TRICKY = [
  'a',
  ' ',
  '│',
  '─',
  '█',
  '▌',
  '×',
  '≈',
  '…',
  '·',
  '✗',
  '▲',
  '世',
  '界',
  'ｱ',
  '😀',
  '👍',
  '🏽',
  '\u200d',
  '\u0301',
  'é',
  '\ufe0f',
  '🇫',
  '🇷',
  '\u001b[31m',
  '\u001b[0m',
];

describe('columnsOf', () => {
  it('agrees with string-width on any mix of frame glyphs, wide characters, emoji, marks and colour codes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(columnsOf(text)).toBe(stringWidth(text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('measures joined emoji, skin tones, flags, combining marks and colour codes as whole graphemes', () => {
    for (const text of ['👍\u200d😀', 'a👍🏽b', '🇫🇷', 'e\u0301', '\u001b[31m█\u001b[0m', '☺\ufe0f']) expect(columnsOf(text)).toBe(stringWidth(text));
  });

  it('measures each code point as string-width does, though it loads string-width only for emoji and what draws nothing', () => {
    const differ: string[] = [];
    // Every character Unicode assigns, and every 101st code point that is unassigned or for
    // private use (~960,000 of them, all narrow and visible: one rule for all).
    const uniform = /[\p{Cn}\p{Co}]/u;
    for (let code = 0, skipped = 0; code <= 0x10ffff; code++) {
      if (uniform.test(String.fromCodePoint(code)) && skipped++ % 101 !== 0) continue;
      const char = String.fromCodePoint(code);
      if (charColumns(char) !== stringWidth(char)) differ.push(`U+${code.toString(16)}`);
    }
    expect(differ).toEqual([]);
  });

  it('counts a wide character twice and a frame glyph once', () => {
    expect(columnsOf('世界 ok')).toBe(7);
    expect(columnsOf('█▌│×')).toBe(4);
    expect(charColumns('世')).toBe(2);
  });

  it('truncate keeps wide characters whole', () => {
    expect(truncate('世界世界', 5)).toBe('世界…');
    expect(columnsOf(truncate('ab世界cd', 4))).toBeLessThanOrEqual(4);
  });
});
