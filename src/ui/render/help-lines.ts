import { SPAN_STATES } from '../../engine/index.js';
import { KEYMAP } from '../state/keymap.js';
import { STATE_COLOR, STATE_MEANING, stateGlyph, type Theme } from '../theme.js';
import { plain, styled, type Line } from './line.js';
import { BOLD, PLAIN, foreground } from './style.js';
import { fit, truncate } from './text.js';

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

/** The footer: the keys worth knowing by heart. */
export function footerLine(width: number): Line {
  return plain(
    truncate(
      KEYMAP.filter((binding) => binding.footer)
        .map((binding) => `${binding.keys} ${binding.action}`)
        .join('  '),
      width,
    ),
  );
}
