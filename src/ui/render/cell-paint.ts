import { SPAN_STATES, type SpanState } from '../../engine/index.js';
import type { StateStyles } from '../palette.js';
import { EIGHTHS, stateGlyph, themeStyles, type Theme } from '../theme.js';
import type { Cell } from './gantt-rows.js';
import { PLAIN, type Style } from './style.js';

/** A cell drawn: its glyph and style. */
export type Drawn = readonly [glyph: string, style: Style];

/**
 * How Gantt cells are drawn in one theme, worked out once per theme rather than per cell: the
 * glyph and style of each state, and of a lane's end marks.
 */
export interface CellPaint {
  styles: StateStyles;
  glyph: Readonly<Record<SpanState, string>>;
  /** Colour and Unicode: partial blocks show a cell's share (else each cell shows its main state's glyph). */
  blocks: boolean;
  blank: Drawn;
  done: Drawn;
  failed: Drawn;
}

const paints = new WeakMap<Theme, CellPaint>();

export function cellPaint(theme: Theme): CellPaint {
  let paint = paints.get(theme);
  if (paint === undefined) {
    const styles = themeStyles(theme);
    paint = {
      styles,
      glyph: Object.fromEntries(SPAN_STATES.map((state) => [state, stateGlyph(theme, state)])) as Record<SpanState, string>,
      blocks: theme.color && theme.unicode,
      blank: [' ', PLAIN],
      done: [stateGlyph(theme, 'done'), styles.state.done],
      failed: [stateGlyph(theme, 'failed'), styles.failed],
    };
    paints.set(theme, paint);
  }
  return paint;
}

/**
 * A cell one state fills shows that state's glyph in its colour (`█ ░ ▒ ─ ▚`), so states differ
 * by shape too. With colour and Unicode, a cell shared by two states is a partial block, the
 * first state's share in its colour over the second's as background, and a cell partly filled
 * by one state is a partial block in its colour; without colour a block could not say which
 * states share it, so the main state's glyph stands for the cell.
 */
export function drawCell(cell: Cell, paint: CellPaint): Drawn {
  // Read for every cell, the end marks too: a lane's first end is drawn halfway through the first
  // playback, and a read V8 had not seen run before would make it drop the code it compiled for the
  // playback's drawing (drawnFrom, where this is inlined) and compile it again.
  const { blank, done, failed, blocks, glyph, styles } = paint;
  if (cell.end === 'failed') return failed;
  if (cell.end === 'done') return done;
  if (!cell.main) return blank;
  if (!blocks) return [glyph[cell.main], styles.state[cell.main]];
  if (cell.left) return [EIGHTHS[cell.eighths - 1]!, styles.split(cell.left, cell.main)];
  if (cell.eighths === EIGHTHS.length) return [glyph[cell.main], styles.state[cell.main]];
  return [EIGHTHS[cell.eighths - 1]!, styles.state[cell.main]];
}
