import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/ui/terminal/cell-grid.js';
import { DiffWriter } from '../../../src/ui/terminal/diff-writer.js';

const strip = (text: string) => text.replace(/\u001B\[\?2026[hl]/g, '');

describe('frame parsing', () => {
  it('keeps one canonical style however the codes were written', () => {
    // chalk closes with 22/39/49 where our rows reset with 0: the same look, the same style.
    const [a] = parseFrame('\u001B[1mX\u001B[22m\u001B[32mY\u001B[39mZ', 80);
    const [b] = parseFrame('\u001B[1mX\u001B[0m\u001B[32mY\u001B[0mZ', 80);
    expect(a).toEqual(b);
    expect(a!.map((cell) => cell.style)).toEqual(['1', '32', '']);
  });

  it('drops cursor moves and erases, keeps rows and wide characters', () => {
    const rows = parseFrame('\u001B[2K\u001B[1A\u001B[2K\u001B[Gab\n漢c', 80);
    expect(rows.map((row) => row.map((cell) => cell.char).join('|'))).toEqual(['a|b', '漢||c']);
  });
});

describe('DiffWriter', () => {
  it('draws the first frame in full, then nothing when nothing changed', () => {
    const writer = new DiffWriter();
    expect(strip(writer.draw('ab\ncd', 80))).toBe('\u001B[2J\u001B[1;1H\u001B[0mab\u001B[2;1Hcd\u001B[0m');
    expect(writer.draw('ab\ncd', 80)).toBe('');
  });

  it('writes only the changed cells, with their colour', () => {
    const writer = new DiffWriter();
    writer.draw('row one\nrow two', 80);
    expect(strip(writer.draw('row one\nrow \u001B[32mT\u001B[39mwo', 80))).toBe('\u001B[2;5H\u001B[0m\u001B[32mT\u001B[0m');
  });

  it('blanks what a shorter frame no longer covers, and redraws in full after invalidate', () => {
    const writer = new DiffWriter();
    writer.draw('abc\ndef', 80);
    expect(strip(writer.draw('abc', 80))).toBe('\u001B[2;1H\u001B[0m   \u001B[0m');
    writer.invalidate();
    expect(strip(writer.draw('abc', 80))).toMatch(/^\u001B\[2J/);
  });

  it('costs a small fraction of a full redraw when a bar grows by one cell', () => {
    const writer = new DiffWriter();
    const frame = (cells: number) => Array.from({ length: 20 }, (_, row) => `lane ${row}`.padEnd(20) + '█'.repeat(cells)).join('\n');
    const full = writer.draw(frame(50), 80).length;
    const step = writer.draw(frame(51), 80).length;
    expect(step).toBeLessThan(full / 5);
  });
});
