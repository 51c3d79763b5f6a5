import { SPAN_STATES } from '../../engine/index.js';
import { KEYMAP, type KeyBinding } from '../state/keymap.js';
import type { View } from '../state/model.js';
import { EIGHTHS, PARTIAL_CELL_MEANING, STATE_MEANING, stateGlyph, themeColour, type Theme } from '../theme.js';
import { plain, styled, type Line, type Segment } from './line.js';
import { BOLD, PLAIN, foreground } from './style.js';
import { GIL_HEADINGS_MEANING } from './table-columns.js';
import { columnsOf, fit, truncate, wrap } from './text.js';

/** A help entry's width: two fit 80 columns, three 120. */
const ENTRY_COLUMNS = 40;

/** Entries in as many columns of ENTRY_COLUMNS as fit, filled column by column. */
function inColumns(entries: readonly Line[], width: number): Line[] {
  const columns = Math.max(1, Math.floor(width / ENTRY_COLUMNS));
  const rows = Math.ceil(entries.length / columns);
  return Array.from({ length: rows }, (_, row) => {
    const line: Segment[] = [];
    for (let column = 0; column < columns; column++) {
      const entry = entries[column * rows + row];
      if (entry === undefined) break;
      const used = line.reduce((sum, segment) => sum + columnsOf(segment.text), 0);
      if (used < column * ENTRY_COLUMNS) line.push({ text: ' '.repeat(column * ENTRY_COLUMNS - used), style: PLAIN });
      line.push(...entry);
    }
    return line;
  });
}

/** The `?` overlay, whole: every state, what a partial cell means, and every key. */
export function helpLines(theme: Theme, width: number): Line[] {
  const entryWidth = Math.min(width, ENTRY_COLUMNS) - 1;
  const states = SPAN_STATES.map(
    (state): Line => [
      { text: '  ', style: PLAIN },
      { text: stateGlyph(theme, state), style: foreground(themeColour(theme, state)) },
      { text: fit(` ${fit(state, 9)} ${STATE_MEANING[state]}`, entryWidth - 3), style: PLAIN },
    ],
  );
  // Partial blocks are drawn only with colour and Unicode; elsewhere a cell is its main state's glyph.
  const partial = theme.color && theme.unicode ? `${EIGHTHS[0]}…${EIGHTHS[6]}  ${PARTIAL_CELL_MEANING}` : 'a cell shows the state that covered most of it';
  const keys = KEYMAP.map((binding) => plain(fit(`  ${fit(binding.keys, 6)} ${binding.help}`, entryWidth)));
  return [
    styled('States', BOLD),
    ...inColumns(states, width),
    ...wrap(`  ${partial}`, width).map(plain),
    styled('Keys', BOLD),
    ...inColumns(keys, width),
    plain(truncate('Real lanes come from /proc samples: about one 4 ms tick of resolution.', width)),
    ...wrap(GIL_HEADINGS_MEANING, width).map(plain),
  ];
}

/** The help as it fits `rows`: one page of it, `page` wrapping around the pages (↑/↓). */
export function helpPage(theme: Theme, width: number, rows: number, page: number): { lines: Line[]; page: number; pages: number } {
  const lines = helpLines(theme, width);
  const perPage = Math.max(1, rows);
  const pages = Math.ceil(lines.length / perPage);
  const shown = ((page % pages) + pages) % pages;
  return { lines: lines.slice(shown * perPage, (shown + 1) * perPage), page: shown, pages };
}

/** The footer while the help is open: how to close it, and how to page it when it does not fit. */
export function helpFooterLine(width: number, page: number, pages: number): Line {
  return plain(truncate(`Esc, q or ? close the help${pages > 1 ? `  ↑↓ page ${page + 1} of ${pages}` : ''}`, width));
}

/** A footer entry: `r real`. */
const entry = (binding: KeyBinding) => `${binding.keys} ${binding.action}`;
const SEPARATOR = '  ';

/**
 * The footer: as many keys as fit, by rank (help and quit first, then the keys of the view on
 * screen, playback, real runs, parameters…), drawn in the keymap's order. Keys of another view
 * are left out: they do nothing here.
 */
export function footerLine(width: number, view?: View): Line {
  const candidates = KEYMAP.filter((binding) => binding.footerView === undefined || binding.footerView === view);
  const rank = (binding: KeyBinding) => (binding.footerView !== undefined ? Math.min(1, binding.footer) : binding.footer);
  const chosen = new Set<KeyBinding>();
  let used = -SEPARATOR.length;
  for (const binding of [...candidates].sort((a, b) => rank(a) - rank(b))) {
    const cost = SEPARATOR.length + columnsOf(entry(binding));
    if (used + cost > width) continue;
    chosen.add(binding);
    used += cost;
  }
  const line: Segment[] = [];
  for (const binding of candidates.filter((candidate) => chosen.has(candidate))) {
    if (line.length > 0) line.push({ text: SEPARATOR, style: PLAIN });
    line.push({ text: binding.keys, style: BOLD }, { text: ` ${binding.action}`, style: PLAIN });
  }
  return line;
}
