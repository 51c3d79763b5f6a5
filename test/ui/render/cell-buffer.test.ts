import { describe, expect, it } from 'vitest';
import { CellBuffer } from '../../../src/ui/render/cell-buffer.js';
import { BOLD, PLAIN, styleOf } from '../../../src/ui/render/style.js';

const colour = { color: true, unicode: true };
const GREEN = styleOf({ fg: 32 });

describe('CellBuffer', () => {
  it('clips text at the right edge and ignores rows outside the frame', () => {
    const frame = new CellBuffer(5, 2, colour);
    expect(frame.put(0, 0, 'abcdefgh', PLAIN)).toBe(5);
    frame.put(3, 1, 'xyz', PLAIN);
    frame.put(0, 2, 'below', PLAIN);
    frame.put(0, -1, 'above', PLAIN);
    expect(frame.toLines()).toEqual(['abcde', '   xy']);
  });

  it('gives a wide character two cells, and leaves out one that would cross the edge', () => {
    const frame = new CellBuffer(5, 1, colour);
    expect(frame.put(0, 0, '漢字漢', PLAIN)).toBe(4);
    expect([frame.charAt(0, 0), frame.charAt(1, 0), frame.charAt(2, 0)]).toEqual(['漢', '', '字']);
    expect(frame.toLines()).toEqual(['漢字']);
  });

  it('blanks the other half of a wide character it overwrites', () => {
    const frame = new CellBuffer(6, 1, colour);
    frame.put(0, 0, '漢字', PLAIN);
    frame.put(1, 0, 'a', PLAIN); // the right half of 漢
    frame.put(2, 0, 'b', PLAIN); // the left half of 字
    expect(frame.toLines()).toEqual([' ab']);
  });

  it('keeps a combining mark with its base, and draws control characters as ?', () => {
    const frame = new CellBuffer(8, 1, colour);
    expect(frame.put(0, 0, 'e\u0301x\u001B[2Jy', PLAIN)).toBe(7);
    expect(frame.charAt(0, 0)).toBe('e\u0301');
    expect(frame.toLines()).toEqual(['e\u0301x?[2Jy']);
  });

  it('applies the theme as cells are written: no colour, ASCII stand-ins', () => {
    const plainAscii = new CellBuffer(10, 1, { color: false, unicode: false });
    plainAscii.put(0, 0, '█ 2×3 …', GREEN);
    expect(plainAscii.toLines({ styles: true })).toEqual(['? 2x3 .']);
    expect(plainAscii.styleAt(0, 0)).toBe(PLAIN);
  });

  it('reads back as text with and without styles; trailing blanks and blank rows left out', () => {
    const frame = new CellBuffer(12, 4, colour);
    frame.put(0, 0, 'ab', BOLD);
    frame.put(2, 0, 'cd', GREEN);
    frame.put(4, 0, '  ', PLAIN);
    frame.put(0, 1, 'x  ', GREEN);
    expect(frame.toLines()).toEqual(['abcd', 'x']);
    expect(frame.toLines({ styles: true })).toEqual(['\u001B[0;1mab\u001B[0;32mcd\u001B[0m', '\u001B[0;32mx  \u001B[0m']);
  });

  it('compares by size and cells', () => {
    const a = new CellBuffer(4, 1, colour);
    const b = new CellBuffer(4, 1, colour);
    a.put(0, 0, 'ab', PLAIN);
    b.put(0, 0, 'ab', PLAIN);
    expect(a.equals(b)).toBe(true);
    b.put(1, 0, 'b', GREEN);
    expect(a.equals(b)).toBe(false);
    expect(a.equals(new CellBuffer(5, 1, colour))).toBe(false);
  });
});
