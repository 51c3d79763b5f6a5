import type { SpanState } from '../../engine/index.js';
import { STATE_COLOR, stateGlyph, type Theme } from '../theme.js';
import { paint } from './ansi.js';
import { laneMark } from './gantt-panel.js';
import { truncate } from './text.js';

const SHOWN: readonly SpanState[] = ['running', 'ready', 'gil-wait', 'io', 'spawn', 'failed'];

/** `█ running ░ ready ▒ gil-wait ─ io ▚ spawn ✗ failed`, each glyph in its state's colour. */
export function legendLine(theme: Theme): string {
  return SHOWN.map((state) => `${paint(stateGlyph(theme, state), STATE_COLOR[state], theme.color)} ${state}`).join('  ');
}

/** The per-core view's legend: which number stands for which lane. */
export function laneLegendLine(laneNames: readonly string[], width: number): string {
  return truncate(`lanes: ${laneNames.map((name, i) => `${laneMark(i)} ${name}`).join('  ')}`, width);
}
