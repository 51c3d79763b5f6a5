import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/engine/index.js';
import { laneBars, laneCells, renderCells, type Cell } from '../../../src/ui/render/gantt-rows.js';
import { lineText } from '../../../src/ui/render/line.js';
import { PLAIN, indexedColour, partsOf, rgbColour, styleOf } from '../../../src/ui/render/style.js';
import { stateGlyph } from '../../../src/ui/theme.js';
import { SPAN_STATES } from '../../../src/engine/index.js';
import type { Theme } from '../../../src/ui/theme.js';

const plain = { color: false, unicode: true };
const ascii = { color: false, unicode: false };
// The 16 colours, whose SGR numbers read as names: 32 green, 41 a red background.
const colour = { color: true, unicode: true, depth: 16 as const };
const span = (state: Span['state'], startUs: number, endUs: number): Span => ({ lane: 0, state, startUs, endUs });
const window = (endUs: number, playheadUs = endUs) => ({ startUs: 0, endUs, playheadUs });
const draw = (cells: readonly Cell[], theme: Theme) => lineText(renderCells(cells, theme));

describe('Gantt rows', () => {
  it('maps each state to a distinct glyph without colour', () => {
    const spans = [span('ready', 0, 10), span('running', 10, 20), span('gil-wait', 20, 30), span('io', 30, 40), span('spawn', 40, 50)];
    expect(draw(laneCells(spans, window(50), 5), plain)).toBe('░█▒─▚');
    expect(draw(laneCells(spans, window(50), 5), ascii)).toBe('.#=-+');
  });

  it('gives each state its glyph in colour mode too, in its Okabe–Ito colour (the legend’s glyphs are the bars’)', () => {
    const spans = [span('ready', 0, 10), span('running', 10, 20), span('gil-wait', 20, 30), span('io', 30, 40), span('spawn', 40, 50)];
    for (const depth of [16, 256, 'truecolor'] as const) {
      expect(draw(laneCells(spans, window(50), 5), { color: true, unicode: true, depth })).toBe('░█▒─▚');
    }
    const segments = renderCells(laneCells([...spans, span('done', 50, 50)], window(60), 6), { color: true, unicode: true, depth: 'truecolor' });
    expect(segments.map((segment) => [segment.text, partsOf(segment.style).fg])).toEqual([
      ['░', rgbColour(0xf0e442)],
      ['█', rgbColour(0x009e73)],
      ['▒', rgbColour(0xd55e00)],
      ['─', rgbColour(0x56b4e9)],
      ['▚', rgbColour(0xcc79a7)],
      ['│', rgbColour(0x999999)],
    ]);
  });

  it('draws every state’s glyph in a colour of its own, and a failure as its bold cross', () => {
    for (const background of ['dark', 'light'] as const) {
      const theme = { color: true, unicode: true, background };
      const segments = SPAN_STATES.filter((state) => state !== 'done' && state !== 'failed').map(
        (state) => renderCells(laneCells([span(state, 0, 10)], window(10), 1), theme)[0]!,
      );
      expect(segments.map((segment) => segment.text)).toEqual(['█', '░', '▒', '─', '▚']);
      expect(new Set(segments.map((segment) => partsOf(segment.style).fg)).size).toBe(segments.length);
      const failed = renderCells(laneCells([span('running', 0, 5), span('failed', 5, 5)], window(10), 2), theme);
      expect(failed.at(-1)!.text).toBe(stateGlyph(theme, 'failed'));
      expect(partsOf(failed.at(-1)!.style).bold).toBe(true);
    }
  });

  it('on a light background waits for a core in orange and sleeps in blue (yellow and sky blue fade on white)', () => {
    const fg = (state: Span['state'], background: 'dark' | 'light') =>
      partsOf(renderCells(laneCells([span(state, 0, 10)], window(10), 1), { color: true, unicode: true, background })[0]!.style).fg;
    expect([fg('ready', 'dark'), fg('io', 'dark')]).toEqual([indexedColour(221), indexedColour(74)]);
    expect([fg('ready', 'light'), fg('io', 'light')]).toEqual([indexedColour(178), indexedColour(25)]);
    expect(fg('running', 'light')).toBe(fg('running', 'dark'));
  });

  it('leaves cells before arrival, after the end cap and past the playhead blank', () => {
    const spans = [span('running', 20, 60), span('done', 60, 60)];
    expect(draw(laneCells(spans, window(100), 10), plain)).toBe('  ████│   ');
    expect(draw(laneCells(spans, window(100, 40), 10), plain)).toBe('  ██      ');
  });

  it('keeps the cells the playhead has passed from one frame to the next, working out only the others', () => {
    const spans = [span('running', 0, 35), span('io', 35, 70), span('done', 70, 70)];
    const before = laneCells(spans, window(100, 42), 10);
    const after = laneCells(spans, window(100, 58), 10);
    // Cells 0–3 ended before 42 µs: the very same cells; cell 4 (40–50 µs) was drawn again.
    expect(after.slice(0, 4).every((cell, i) => cell === before[i])).toBe(true);
    expect(after[4]).not.toBe(before[4]);
    expect(after).toEqual(laneCells([...spans], window(100, 58), 10));
    expect(draw(after, plain)).toBe('███───    ');
  });

  it('caps a finished lane with the done glyph in the cell after its last work, once the playhead is there', () => {
    const spans = [span('running', 0, 45), span('done', 45, 45)];
    expect(draw(laneCells(spans, window(100), 10), plain)).toBe('█████│    ');
    expect(draw(laneCells(spans, window(100), 10), ascii)).toBe('#####|    ');
    expect(draw(laneCells(spans, window(100, 48), 10), plain)).toBe('█████     ');
    // A lane that ends at the panel's right edge has no cell left for the cap.
    expect(draw(laneCells([span('running', 0, 100), span('done', 100, 100)], window(100), 10), plain)).toBe('█'.repeat(10));
  });

  it('draws a lane the playhead moves through nothing of the same bars, and anew where a span starts or the end cap is reached', () => {
    const spans = [span('running', 20, 35), span('done', 35, 35), span('io', 60, 70)];
    const theme = { color: true, unicode: true };
    const at = (playheadUs: number) => laneBars(spans, window(100, playheadUs), 10, theme);
    // From nothing: a theme object of its own shares no bars.
    const fresh = (playheadUs: number) => lineText(laneBars(spans, window(100, playheadUs), 10, { ...theme }));
    const waiting = at(10);
    expect(at(19)).toBe(waiting);
    expect(lineText(at(21))).toBe(fresh(21));
    const finished = at(36);
    expect(at(39)).toBe(finished);
    // The cap's cell (40–50 µs) is reached at 40 µs, though no span starts there.
    expect(lineText(at(41))).toBe(fresh(41));
    expect(lineText(at(41))).not.toBe(lineText(finished));
    expect(at(59)).toBe(at(41));
    expect(lineText(at(61))).toBe(fresh(61));
  });

  it('draws the bars of a playing lane as its cells drawn from nothing would be, frame after frame (settled segments are kept)', () => {
    const piece = fc.record({
      state: fc.constantFrom<Span['state']>('running', 'ready', 'gil-wait', 'io', 'spawn'),
      us: fc.integer({ min: 1, max: 400 }),
      gapUs: fc.integer({ min: 0, max: 60 }),
    });
    const lane = fc.record({ pieces: fc.array(piece, { minLength: 1, maxLength: 30 }), ends: fc.constantFrom('done', 'failed', 'open') });
    const playheads = fc.array(fc.integer({ min: 0, max: 12_000 }), { minLength: 1, maxLength: 40 });
    const themes = [colour, plain, ascii, { color: true, unicode: true }];
    fc.assert(
      fc.property(lane, playheads, fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 3 }), ({ pieces, ends }, heads, width, themeIndex) => {
        const spans: Span[] = [];
        let us = 0;
        for (const { state, us: length, gapUs } of pieces) {
          us += gapUs;
          spans.push(span(state, us, us + length));
          us += length;
        }
        if (ends !== 'open') spans.push(span(ends, us, us));
        const endUs = Math.max(1, us + 50);
        const theme = themes[themeIndex]!;
        // Mostly forwards, as playback goes, with the jumps back the generated order brings.
        const sorted = [...heads].sort((a, b) => a - b).map((head) => (head * endUs) / 10_000);
        for (const playheadUs of [...sorted, ...heads.map((head) => (head * endUs) / 10_000)]) {
          const shown = { startUs: 0, endUs, playheadUs };
          // A copy of the spans has caches of its own: its cells are worked out from nothing.
          expect(laneBars(spans, shown, width, theme)).toEqual(renderCells(laneCells([...spans], shown, width), theme));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a slice much shorter than a cell visible as a partial block', () => {
    const cells = laneCells([span('running', 0, 5)], window(1_000), 10);
    expect(cells[0]).toEqual({ main: 'running', left: null, eighths: 1, end: null });
    expect(renderCells(cells, colour)).toEqual([
      { text: '▏', style: styleOf({ fg: 32 }) },
      { text: ' '.repeat(9), style: PLAIN },
    ]);
  });

  it('splits a cell between its two largest states, the earlier on the left', () => {
    const cells = laneCells([span('running', 0, 3), span('gil-wait', 3, 8)], window(8), 1);
    expect(cells[0]).toEqual({ main: 'gil-wait', left: 'running', eighths: 3, end: null });
    // Left part in the running colour (green), the rest on a gil-wait (red) background.
    expect(renderCells(cells, colour)).toEqual([{ text: '▍', style: styleOf({ fg: 32, bg: 41 }) }]);
  });

  it('shows a 50/50 alternation as half blocks, not as one state', () => {
    const spans = Array.from({ length: 100 }, (_, i) => span(i % 2 ? 'gil-wait' : 'running', i * 10, i * 10 + 10));
    const cells = laneCells(spans, window(1_000), 10);
    expect(cells.every((cell) => cell.left !== null && cell.eighths === 4)).toBe(true);
  });

  it('marks the cell where a lane failed', () => {
    const spans = [span('running', 0, 50), span('failed', 50, 50)];
    expect(draw(laneCells(spans, window(100), 10), plain)).toBe('█████✗    ');
  });

  it('draws a zoomed window of the lane, its end marked only when it lies inside the window', () => {
    const spans = [span('ready', 0, 1_000), span('running', 1_000, 2_000), span('done', 2_000, 2_000)];
    // 1000–1500 µs of 2 ms: running throughout; the done mark lies past the window's right edge.
    expect(draw(laneCells(spans, { startUs: 1_000, endUs: 1_500, playheadUs: 2_000 }, 5), plain)).toBe('█████');
    // 900–1400 µs: one cell of ready, then running.
    expect(draw(laneCells(spans, { startUs: 900, endUs: 1_400, playheadUs: 2_000 }, 5), plain)).toBe('░████');
    // After the lane ended, the window is empty (the mark stays where it finished).
    expect(draw(laneCells(spans, { startUs: 2_500, endUs: 3_000, playheadUs: 3_000 }, 5), plain)).toBe('     ');
    const failed = [span('running', 0, 1_000), span('failed', 1_000, 1_000)];
    expect(draw(laneCells(failed, { startUs: 1_500, endUs: 2_000, playheadUs: 2_000 }, 5), plain)).toBe('     ');
    expect(draw(laneCells(failed, { startUs: 500, endUs: 1_500, playheadUs: 2_000 }, 5), plain)).toBe('██✗  ');
  });

  it('makes one segment of a run of equal cells', () => {
    const segments = renderCells(laneCells([span('running', 0, 100)], window(100), 10), colour);
    expect(segments).toEqual([{ text: '█'.repeat(10), style: styleOf({ fg: 32 }) }]);
  });
});
