import { SPAN_STATES } from '../../engine/index.js';
import { KEYMAP } from '../state/keymap.js';
import type { View } from '../state/model.js';
import { STATE_COLOR, STATE_MEANING, stateGlyph, type Theme } from '../theme.js';
import { plain, styled, type Line } from './line.js';
import { BOLD, PLAIN, foreground } from './style.js';
import { columnsOf, fit, truncate } from './text.js';

/** The `?` overlay: every state and every key. */
export function helpLines(theme: Theme, width: number): Line[] {
  const states = SPAN_STATES.map(
    (state): Line => [
      { text: '  ', style: PLAIN },
      { text: stateGlyph(theme, state), style: foreground(STATE_COLOR[state]) },
      { text: ` ${fit(state, 9)} ${truncate(STATE_MEANING[state], width - 14)}`, style: PLAIN },
    ],
  );
  // Keys in two columns when there is room, so the overlay fits 80×24.
  const columns = width >= 80 ? 2 : 1;
  const columnWidth = Math.floor(width / columns);
  const cells = KEYMAP.map((binding) => fit(`  ${fit(binding.keys, 6)} ${binding.help}`, columnWidth - 1));
  const rows = Math.ceil(cells.length / columns);
  const keys = Array.from({ length: rows }, (_, row) =>
    cells
      .filter((_, i) => i % rows === row)
      .join(' ')
      .trimEnd(),
  );
  return [
    styled('States', BOLD),
    ...states,
    plain(''),
    styled('Keys', BOLD),
    ...keys.map(plain),
    plain(''),
    plain(truncate('Real lanes come from /proc samples: about one 4 ms tick of resolution. ? closes.', width)),
  ];
}

/**
 * The footer: the keys worth knowing by heart, and the keys of the view on screen. A view's keys
 * take the place of parameter keys (last first; help lists them all) when both do not fit.
 */
export function footerLine(width: number, view?: View): Line {
  const viewKeys = KEYMAP.filter((binding) => view !== undefined && binding.footerView === view);
  let shown = KEYMAP.filter((binding) => binding.footer || viewKeys.includes(binding));
  const text = () => shown.map((binding) => `${binding.keys} ${binding.action}`).join('  ');
  while (viewKeys.length > 0 && columnsOf(text()) > width) {
    const parameterKey = shown.findLast((binding) => binding.steps !== undefined);
    if (!parameterKey) break;
    shown = shown.filter((binding) => binding !== parameterKey);
  }
  return plain(truncate(text(), width));
}
