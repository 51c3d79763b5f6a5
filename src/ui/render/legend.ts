import { SPAN_STATES } from '../../engine/index.js';
import { STATE_COLOR, PART_BUSY_GLYPH, stateGlyph, type Theme } from '../theme.js';
import { paint } from './ansi.js';
import { MOSTLY_BUSY, laneMark } from './core-cells.js';
import { columnsOf, truncate } from './text.js';

/**
 * `█ running  ░ ready  ▒ gil-wait  ─ io  ▚ spawn  │ done  ✗ failed`: every state, in the help's
 * order, each glyph in its state's colour; entries that do not fit the width are left out whole.
 */
export function legendLine(theme: Theme, width: number): string {
  const shown: string[] = [];
  let used = 0;
  for (const state of SPAN_STATES) {
    const glyph = stateGlyph(theme, state);
    used += (shown.length > 0 ? 2 : 0) + columnsOf(`${glyph} ${state}`);
    if (used > width) break;
    shown.push(`${paint(glyph, STATE_COLOR[state], theme.color)} ${state}`);
  }
  return shown.join('  ');
}

/**
 * The per-core view's legend: what the partly-busy glyph means (first: it holds for any number
 * of lanes, and a long lane list is what gets cut), then which mark stands for which lane.
 */
export function laneLegendLine(laneNames: readonly string[], width: number): string {
  const lanes = laneNames.map((name, i) => `${laneMark(i)} ${name}`).join('  ');
  return truncate(`${PART_BUSY_GLYPH} busy < ${MOSTLY_BUSY * 100}% of a cell  lanes: ${lanes}`, width);
}
