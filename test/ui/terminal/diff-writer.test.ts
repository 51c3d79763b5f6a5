import xterm from '@xterm/headless';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellBuffer } from '../../../src/ui/render/cell-buffer.js';
import type { Line } from '../../../src/ui/render/line.js';
import { BOLD, PLAIN, background, colourKind, indexedColour, partsOf, rgbColour, styleOf, type Colour, type Style } from '../../../src/ui/render/style.js';
import { DiffWriter } from '../../../src/ui/terminal/diff-writer.js';

const { Terminal } = xterm;
const colour = { color: true, unicode: true };
const strip = (text: string) => text.replace(/\u001B\[\?2026[hl]/g, '');
const GREEN = styleOf({ fg: 32 });

/** A frame of `columns`×`rows` holding these lines (strings are plain). */
function frame(columns: number, rows: number, lines: readonly (string | Line)[]): CellBuffer {
  const buffer = new CellBuffer(columns, rows, colour);
  lines.forEach((line, row) => buffer.putLine(row, typeof line === 'string' ? [{ text: line, style: PLAIN }] : line));
  return buffer;
}

describe('DiffWriter', () => {
  it('draws the first frame in full (only what is not blank), then nothing when nothing changed', () => {
    const writer = new DiffWriter();
    // After a clear the terminal's style is not known: one reset first.
    expect(strip(writer.draw(frame(80, 3, ['ab', 'cd'])))).toBe('\u001B[2J\u001B[H\u001B[0mab\r\ncd');
    expect(writer.draw(frame(80, 3, ['ab', 'cd']))).toBe('');
  });

  it('writes only the changed cells, with their colour, and leaves the terminal plain', () => {
    const writer = new DiffWriter();
    writer.draw(frame(80, 2, ['row one', 'row two']));
    const update = writer.draw(
      frame(80, 2, [
        'row one',
        [
          { text: 'row ', style: PLAIN },
          { text: 'T', style: GREEN },
          { text: 'wo', style: PLAIN },
        ],
      ]),
    );
    // The cursor was left after 'two': three columns back, green on, and plain again after.
    expect(strip(update)).toBe('\u001B[3D\u001B[32mT\u001B[0m');
  });

  it('changes only the colour that changes, and resets only when an attribute must go', () => {
    const writer = new DiffWriter();
    writer.draw(frame(10, 1, ['']));
    const bold = styleOf({ bold: true, fg: 31 });
    const update = writer.draw(
      frame(10, 1, [
        [
          { text: 'a', style: bold },
          { text: 'b', style: styleOf({ bold: true, fg: 32 }) },
          { text: 'c', style: GREEN },
        ],
      ]),
    );
    expect(strip(update)).toBe('\u001B[H\u001B[1;31ma\u001B[32mb\u001B[0;32mc\u001B[0m');
  });

  it('moves along a row with a relative move, and rewrites a short unchanged stretch instead', () => {
    const writer = new DiffWriter();
    writer.draw(frame(80, 1, ['a'.repeat(40)]));
    const far = writer.draw(frame(80, 1, [`b${'a'.repeat(20)}b${'a'.repeat(18)}`]));
    expect(strip(far)).toBe('\rb\u001B[20Cb');
    const near = writer.draw(frame(80, 1, [`caac${'a'.repeat(17)}b${'a'.repeat(18)}`]));
    expect(strip(near)).toBe('\rcaac');
  });

  it('blanks what a shorter frame no longer covers, and redraws in full after invalidate or a resize', () => {
    const writer = new DiffWriter();
    writer.draw(frame(80, 2, ['abc', 'def']));
    expect(strip(writer.draw(frame(80, 2, ['abc'])))).toBe('\r   ');
    writer.invalidate();
    expect(strip(writer.draw(frame(80, 2, ['abc'])))).toBe('\u001B[2J\u001B[H\u001B[0mabc');
    expect(strip(writer.draw(frame(60, 2, ['abc'])))).toBe('\u001B[2J\u001B[H\u001B[0mabc');
  });

  it('costs a small fraction of a full redraw when a bar grows by one cell', () => {
    const writer = new DiffWriter();
    const bars = (cells: number) =>
      frame(
        80,
        20,
        Array.from(
          { length: 20 },
          (_, row): Line => [
            { text: `lane ${row}`.padEnd(20), style: PLAIN },
            { text: '█'.repeat(cells), style: GREEN },
          ],
        ),
      );
    const full = writer.draw(bars(50)).length;
    const step = writer.draw(bars(51)).length;
    expect(step).toBeLessThan(full / 5);
  });
});

describe('DiffWriter on a terminal (fast-check, @xterm/headless)', () => {
  const styles: Style[] = [
    PLAIN,
    BOLD,
    GREEN,
    styleOf({ fg: 31, bg: 44 }),
    styleOf({ dim: true, fg: 90 }),
    styleOf({ bold: true, fg: 91 }),
    // xterm's 256 and 24-bit colours, as the Okabe–Ito states draw.
    styleOf({ fg: indexedColour(36) }),
    styleOf({ fg: indexedColour(166), bg: background(indexedColour(36)) }),
    styleOf({ fg: rgbColour(0x009e73), bg: rgbColour(0xd55e00) }),
    styleOf({ bold: true, fg: rgbColour(0xff4040) }),
  ];
  const segment = fc.record({ text: fc.constantFrom('a', 'bc', ' ', '   ', '█', '▌', '漢', 'e\u0301', '─│', 'xyz  ', ''), style: fc.constantFrom(...styles) });
  const line = fc.array(segment, { maxLength: 12 });
  const frames = fc.array(fc.array(line, { maxLength: 6 }), { minLength: 1, maxLength: 6 });

  it('leaves the terminal showing exactly the last frame drawn, cell by cell, after every frame', async () => {
    await fc.assert(
      fc.asyncProperty(frames, async (sequence) => {
        const terminal = new Terminal({ cols: 24, rows: 7, allowProposedApi: true });
        const writer = new DiffWriter();
        try {
          for (const lines of sequence) {
            const next = frame(24, 6, lines);
            await new Promise<void>((resolve) => terminal.write(writer.draw(next), resolve));
            expect(screen(terminal)).toEqual(cells(next));
          }
        } finally {
          terminal.dispose();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('writes the same bytes for a copy of the frame before, changed from some columns on, as for the same cells drawn from nothing', () => {
    // A copy's diff reads each row from where it was written (changedFrom): it must find every changed cell a full read finds.
    const edit = fc.record({ row: fc.integer({ min: 0, max: 5 }), from: fc.integer({ min: 0, max: 25 }), line, clear: fc.boolean() });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.array(fc.array(edit, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), (first, edits) => {
        const copies = new DiffWriter();
        const fresh = new DiffWriter();
        let shown = frame(24, 6, first);
        expect(copies.draw(shown)).toBe(fresh.draw(drawnAgain(shown)));
        for (const changes of edits) {
          const next = shown.successor();
          for (const { row, from, line: segments, clear } of changes) {
            if (clear) next.clearRow(row, from);
            let column = from;
            for (const segment of segments) column = next.put(column, row, segment.text, segment.style);
          }
          expect(copies.draw(next)).toBe(fresh.draw(drawnAgain(next)));
          shown = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** A frame of the same cells as `frame`, drawn from nothing (no frame it was copied from). */
function drawnAgain(frame: CellBuffer): CellBuffer {
  const copy = new CellBuffer(frame.columns, frame.rows, frame.theme);
  for (let y = 0; y < frame.rows; y++) {
    for (let x = 0; x < frame.columns; x++) {
      if (frame.charAt(x, y) !== '') copy.put(x, y, frame.charAt(x, y), frame.styleAt(x, y));
    }
  }
  expect(copy.equals(frame)).toBe(true);
  return copy;
}

/** What a terminal shows, per cell: character, colours, bold and dim. */
function screen(terminal: InstanceType<typeof Terminal>): string[] {
  const out: string[] = [];
  const cell = terminal.buffer.active.getNullCell();
  for (let y = 0; y < terminal.rows - 1; y++) {
    const line = terminal.buffer.active.getLine(y)!;
    for (let x = 0; x < terminal.cols; x++) {
      line.getCell(x, cell);
      if (cell.getWidth() === 0) continue; // the right half of a wide character
      const fg = cell.isFgDefault() ? '0' : `${cell.isFgRGB() ? 'rgb' : 'p'}${cell.getFgColor()}`;
      const bg = cell.isBgDefault() ? '0' : `${cell.isBgRGB() ? 'rgb' : 'p'}${cell.getBgColor()}`;
      out.push(`${x},${y} ${cell.getChars() || ' '} ${fg} ${bg} ${cell.isBold() ? 'b' : ''}${cell.isDim() ? 'd' : ''}`);
    }
  }
  return out;
}

/** The same description of a frame's cells (xterm numbers the 16 colours 0–15 of its 256). */
function cells(frame: CellBuffer): string[] {
  const palette = (colour: Colour, base: number) => {
    if (colour === 0) return '0';
    const kind = colourKind(colour);
    if (kind.kind === 'rgb') return `rgb${kind.hex}`;
    if (kind.kind === 'indexed') return `p${kind.index}`;
    return `p${kind.sgr >= base + 60 ? kind.sgr - base - 60 + 8 : kind.sgr - base}`;
  };
  const out: string[] = [];
  for (let y = 0; y < frame.rows; y++) {
    for (let x = 0; x < frame.columns; x++) {
      if (frame.charAt(x, y) === '') continue;
      const { fg, bg, bold, dim } = partsOf(frame.styleAt(x, y));
      out.push(`${x},${y} ${frame.charAt(x, y)} ${palette(fg, 30)} ${palette(bg, 40)} ${bold ? 'b' : ''}${dim ? 'd' : ''}`);
    }
  }
  return out;
}
