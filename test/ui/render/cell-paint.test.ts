import { describe, expect, it } from 'vitest';
import { SPAN_STATES } from '../../../src/engine/index.js';
import { cellPaint, drawCell } from '../../../src/ui/render/cell-paint.js';
import type { Cell } from '../../../src/ui/render/gantt-rows.js';
import { PLAIN } from '../../../src/ui/render/style.js';
import { EIGHTHS, stateGlyph, themeStyles, type Theme } from '../../../src/ui/theme.js';

const colour: Theme = { color: true, unicode: true, depth: 16 };
const plain: Theme = { color: false, unicode: true };
const ascii: Theme = { color: false, unicode: false };
const cell = (fields: Partial<Cell>): Cell => ({ main: null, left: null, eighths: 8, end: null, ...fields });

describe('cell paint', () => {
  it('is worked out once per theme', () => {
    expect(cellPaint(colour)).toBe(cellPaint(colour));
    expect(cellPaint({ ...colour })).not.toBe(cellPaint(colour));
  });

  it('draws a full cell as its state’s glyph in its style, in every theme', () => {
    for (const theme of [colour, plain, ascii]) {
      for (const state of SPAN_STATES) {
        expect(drawCell(cell({ main: state }), cellPaint(theme))).toEqual([stateGlyph(theme, state), themeStyles(theme).state[state]]);
      }
    }
  });

  it('draws the end marks over whatever the cell holds, and an empty cell blank', () => {
    const styles = themeStyles(colour);
    expect(drawCell(cell({ main: 'running', end: 'done' }), cellPaint(colour))).toEqual(['│', styles.state.done]);
    expect(drawCell(cell({ main: 'running', end: 'failed' }), cellPaint(colour))).toEqual(['✗', styles.failed]);
    expect(drawCell(cell({ end: 'failed' }), cellPaint(ascii))).toEqual([stateGlyph(ascii, 'failed'), themeStyles(ascii).failed]);
    expect(drawCell(cell({ eighths: 0 }), cellPaint(colour))).toEqual([' ', PLAIN]);
  });

  it('draws shares as partial blocks only with colour and Unicode', () => {
    const styles = themeStyles(colour);
    expect(drawCell(cell({ main: 'running', eighths: 3 }), cellPaint(colour))).toEqual([EIGHTHS[2], styles.state.running]);
    expect(drawCell(cell({ main: 'gil-wait', left: 'running', eighths: 5 }), cellPaint(colour))).toEqual([EIGHTHS[4], styles.split('running', 'gil-wait')]);
    // Without colour a block could not say which states share it: the main state's glyph stands for the cell.
    expect(drawCell(cell({ main: 'gil-wait', left: 'running', eighths: 5 }), cellPaint(plain))).toEqual(['▒', themeStyles(plain).state['gil-wait']]);
  });
});
