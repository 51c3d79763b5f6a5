import type { SpanState } from '../../engine/index.js';
import { STATE_COLOR, partBusyGlyph, stateGlyph, type Theme } from '../theme.js';
import { paint } from './ansi.js';
import { MOSTLY_BUSY, laneMark } from './core-cells.js';
import { truncate } from './text.js';

const SHOWN: readonly SpanState[] = ['running', 'ready', 'gil-wait', 'io', 'spawn', 'failed'];

/** `█ running ░ ready ▒ gil-wait ─ io ▚ spawn ✗ failed`, each glyph in its state's colour. */
export function legendLine(theme: Theme): string {
  return SHOWN.map((state) => `${paint(stateGlyph(theme, state), STATE_COLOR[state], theme.color)} ${state}`).join('  ');
}

/**
 * The per-core view's legend: what the partly-busy glyph means (first: it holds for any number
 * of lanes, and a long lane list is what gets cut), then which mark stands for which lane.
 */
export function laneLegendLine(laneNames: readonly string[], width: number, theme: Theme): string {
  const lanes = laneNames.map((name, i) => `${laneMark(i)} ${name}`).join('  ');
  return truncate(`${partBusyGlyph(theme)} busy < ${MOSTLY_BUSY * 100}% of a cell  lanes: ${lanes}`, width);
}
