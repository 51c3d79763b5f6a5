import { describe, expect, it } from 'vitest';
import { SPACE, WIDE_RIGHT, codeOf, graphemeOf } from '../../../src/ui/render/cell-codes.js';

describe('cell codes', () => {
  it('numbers a one-unit grapheme by its unit, and reads it back', () => {
    expect(codeOf(' ')).toBe(SPACE);
    for (const unit of ['a', '█', '▌', '…', 'é']) {
      expect(codeOf(unit)).toBe(unit.charCodeAt(0));
      expect(graphemeOf(codeOf(unit))).toBe(unit);
    }
  });

  it('gives a grapheme of several units one code past the right half of a wide character, the same each time', () => {
    const family = '👨‍👩‍👧';
    const accented = 'e\u0301';
    const codes = [codeOf(family), codeOf(accented)];
    expect(codes.every((code) => code > WIDE_RIGHT)).toBe(true);
    expect(codes[0]).not.toBe(codes[1]);
    expect(codeOf(family)).toBe(codes[0]);
    expect(graphemeOf(codes[0]!)).toBe(family);
    expect(graphemeOf(codes[1]!)).toBe(accented);
  });

  it("reads the right half of a wide character as ''", () => {
    expect(graphemeOf(WIDE_RIGHT)).toBe('');
  });
});
