import { describe, expect, it } from 'vitest';
import { CellBuffer } from '../../../src/ui/render/cell-buffer.js';
import { BOLD, PLAIN, styleOf } from '../../../src/ui/render/style.js';
import { ONE_COLUMN_TEXT, graphemeColumns, graphemes, isOneColumnUnit } from '../../../src/ui/render/text.js';

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

  it('draws a mark after plain text with the character before it, and a wide character after box drawing in two cells', () => {
    const frame = new CellBuffer(10, 1, colour);
    expect(frame.put(0, 0, 'cafe\u0301─漢', PLAIN)).toBe(7);
    expect([0, 1, 2, 3, 4, 5, 6].map((x) => frame.charAt(x, 0))).toEqual(['c', 'a', 'f', 'e\u0301', '─', '漢', '']);
  });

  it("a successor starts with its predecessor's cells and changes without changing it", () => {
    const first = new CellBuffer(4, 3, colour);
    first.put(0, 0, 'top', BOLD);
    first.put(0, 1, 'mid', GREEN);
    const next = first.successor();
    expect(next.equals(first)).toBe(true);
    next.clearRow(0);
    next.put(0, 1, 'M', PLAIN);
    expect(next.toLines()).toEqual(['', 'Mid']);
    expect(first.toLines()).toEqual(['top', 'mid']);
    expect(first.styleAt(0, 1)).toBe(GREEN);
  });

  it('tells rows apart after any write, and rows it did not write equal at once', () => {
    const first = new CellBuffer(4, 3, colour);
    first.put(0, 0, 'ab', PLAIN);
    first.put(0, 1, 'cd', PLAIN);
    const next = first.successor();
    // Untouched rows, the blank one included; a row written again with the same cells is equal by its cells.
    expect([0, 1, 2].map((y) => next.rowEquals(first, y))).toEqual([true, true, true]);
    next.put(0, 0, 'ab', PLAIN);
    next.put(1, 1, 'x', PLAIN);
    expect([0, 1, 2].map((y) => next.rowEquals(first, y))).toEqual([true, false, true]);
    // A write to the predecessor after the successor was made is a change too.
    first.put(0, 2, 'z', PLAIN);
    expect(next.rowEquals(first, 2)).toBe(false);
    next.clearRow(1);
    expect(next.rowEquals(new CellBuffer(4, 3, colour), 1)).toBe(true);
  });

  it('a successor knows from which column each row was written since it was copied, while the buffer it was copied from is unchanged', () => {
    const first = new CellBuffer(8, 3, colour);
    first.put(0, 0, 'abcdefgh', PLAIN);
    first.put(0, 1, '漢字', PLAIN);
    const next = first.successor();
    next.put(5, 0, 'X', PLAIN);
    next.put(6, 0, 'Y', PLAIN);
    // A write into the right half of a wide character blanks its left half, one column before.
    next.put(1, 1, 'z', PLAIN);
    expect([0, 1, 2].map((y) => next.changedFrom(first, y))).toEqual([4, 0, 8]);
    next.clearRow(2, 6);
    expect(next.changedFrom(first, 2)).toBe(5);
    // Another buffer, or the same one written since: nothing is known, every column may differ.
    expect(next.changedFrom(new CellBuffer(8, 3, colour), 0)).toBe(0);
    first.put(0, 2, 'w', PLAIN);
    expect(next.changedFrom(first, 0)).toBe(0);
  });

  it('knows, per row, a column from which every cell is blank: past what was written, before what was cleared', () => {
    const frame = new CellBuffer(10, 2, colour);
    expect(frame.blankFrom(0)).toBe(0);
    frame.put(2, 0, 'abc', PLAIN);
    expect(frame.blankFrom(0)).toBe(5);
    frame.put(7, 0, 'wxyz', GREEN); // clipped at the edge
    expect(frame.blankFrom(0)).toBe(10);
    const next = frame.successor();
    next.clearRow(0, 4);
    expect(next.blankFrom(0)).toBe(4);
    expect(frame.blankFrom(0)).toBe(10);
    expect(next.toLines()).toEqual(['  ab']);
    expect(next.blankFrom(1)).toBe(0);
  });

  it('draws text of one-column units unit by unit as it would grapheme by grapheme, and measures it by its length', () => {
    const units: string[] = [];
    for (let code = 0x20; code <= 0x25ff; code++) if (ONE_COLUMN_TEXT.test(String.fromCharCode(code))) units.push(String.fromCharCode(code));
    // put's unit-by-unit path takes the same units as the text test, no more, no fewer.
    const disagreeing: string[] = [];
    for (let code = 0; code <= 0xffff; code++)
      if (isOneColumnUnit(code) !== ONE_COLUMN_TEXT.test(String.fromCharCode(code))) disagreeing.push(code.toString(16));
    expect(disagreeing).toEqual([]);
    expect(units).toContain('▲');
    expect(units).not.toContain('\u00ad');
    expect(units).not.toContain('◽');
    for (const unit of units) {
      // One column, and a grapheme of its own after any of them.
      expect(graphemeColumns(unit)).toBe(1);
      expect([...graphemes(`a${unit}`)]).toHaveLength(2);
    }
    const text = units.join('');
    const frame = new CellBuffer(text.length, 1, colour);
    expect(frame.simpleColumns(text)).toBe(text.length);
    expect(frame.put(0, 0, text, PLAIN)).toBe(text.length);
    expect(frame.toLines()).toEqual([text.trimEnd()]);
    expect(new CellBuffer(4, 1, { color: true, unicode: false }).simpleColumns('▲')).toBeNull();
  });
});
