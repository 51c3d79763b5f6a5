import { SPAN_STATES } from '../../engine/index.js';
import { PART_BUSY_GLYPH, stateGlyph, themeColour, type Theme } from '../theme.js';
import { MOSTLY_BUSY, laneMark } from './core-cells.js';
import { plain, type Line, type Segment } from './line.js';
import { PLAIN, foreground } from './style.js';
import { columnsOf, truncate } from './text.js';

/**
 * `█ running  ░ ready  ▒ gil-wait  ─ io  ▚ spawn  │ done  ✗ failed`: every state, in the help's
 * order, each glyph in its state's colour; entries that do not fit the width are left out whole.
 */
export function legendLine(theme: Theme, width: number): Line {
  const line: Segment[] = [];
  let used = 0;
  for (const state of SPAN_STATES) {
    const glyph = stateGlyph(theme, state);
    const separator = line.length > 0 ? '  ' : '';
    used += separator.length + columnsOf(`${glyph} ${state}`);
    if (used > width) break;
    if (separator) line.push({ text: separator, style: PLAIN });
    line.push({ text: glyph, style: foreground(themeColour(theme, state)) }, { text: ` ${state}`, style: PLAIN });
  }
  return line;
}

/**
 * The per-core view's legend: what the partly-busy glyph means (first: it holds for any number
 * of lanes, and a long lane list is what gets cut), then which mark stands for which lane.
 */
export function laneLegendLine(laneNames: readonly string[], width: number): Line {
  const lanes = laneNames.map((name, i) => `${laneMark(i)} ${name}`).join('  ');
  return plain(truncate(`${PART_BUSY_GLYPH} busy < ${MOSTLY_BUSY * 100}% of a cell  lanes: ${lanes}`, width));
}
