import { APPROXIMATE, APPROXIMATE_NOTE, failureNotes, formatSpread, pairRows, type RealQuestion, type Run, type SummaryRow } from '../../engine/index.js';
import { stateGlyph, themeColour, type Theme } from '../theme.js';
import { pushSegment, styled, type Line, type Segment } from './line.js';
import { DIM, PLAIN, foreground } from './style.js';
import { DISTURBED, cell, fittingColumns, type Cell } from './table-columns.js';
import { columnsOf, fit, truncate } from './text.js';

/**
 * One table row per strategy, real and emulated side by side, as far as playback has got, each
 * source with its own GIL figures (contention, hand-offs a second, median hold: gil-figures.ts);
 * the columns that do not fit the width give way by rank (table-columns.ts), the GIL's last.
 * Each elapsed column marks its own fastest run (`*`: ended, complete, undisturbed, not stale);
 * a real run in progress shows how far it has got (`1.2s…`) and nothing else; a disturbed run
 * is marked `!`; a stale one (its setup no longer what `now` asks) is dimmed with `stale` for its
 * speed-up. One line below says why (disturbed, stale), and one more why tasks failed.
 */
export function tableLines(emulated: readonly Run[], real: readonly Run[], playheadUs: number, width: number, theme: Theme, now?: RealQuestion): Line[] {
  const played = (row: SummaryRow | undefined) => row !== undefined && row.elapsedUs <= playheadUs;
  // The strategy column gives way first (to 10 columns: 'sequential'), then whole columns by
  // rank. A repeated real run's cell adds its spread (`605.2ms ±4%`).
  const columns = fittingColumns(width, 10, real.some(hasRepeats) ? 13 : 9);
  const strategyWidth = Math.max(10, Math.min(18, width - columns.reduce((sum, column) => sum + column.width + 1, 0)));
  const line = (cells: Cell[]): Line => {
    const segments: Segment[] = [];
    cells.forEach((c, i) => {
      if (i > 0) pushSegment(segments, ' ', PLAIN);
      pushSegment(segments, fit(c.text, i === 0 ? strategyWidth : columns[i - 1]!.width, i === 0 ? 'left' : 'right'), c.style);
    });
    return clip(segments, width);
  };
  // The captions quote these very rows (pairRows), so they cannot say another number.
  const pairs = pairRows(emulated, real, now);
  // Whether a figure read at a sampler's resolution made it into the columns that fit.
  let approximateShown = false;
  const rows = pairs.map((pair) => {
    const input = {
      strategy: pair.strategy,
      real: pair.real,
      emulated: pair.emulated,
      emulatedShown: played(pair.emulated),
      spread: spreadOf(pair.runs.real),
    };
    const name = `${pair.strategy}${pair.real && pair.real.strategy !== pair.strategy ? `/${pair.real.strategy}` : ''}`;
    const cells = columns.map((column) => column.cell(input));
    approximateShown ||= cells.some((c) => c.text.startsWith(APPROXIMATE));
    return line([cell(name), ...cells]);
  });
  const header = line([cell('strategy'), ...columns.map((column) => cell(column.heading))]);
  const shownRows = pairs.flatMap((pair) => [pair.emulated, pair.real].filter((row) => row !== undefined));
  return [header, ...rows, ...notesLine(shownRows, width, approximateShown), ...failureLine(real, width, theme)];
}

function hasRepeats(run: Run): boolean {
  return run.source === 'real' && run.repeats !== undefined;
}

function spreadOf(run: Run | undefined): string {
  return run?.source === 'real' && run.repeats ? ` ${formatSpread(run.repeats)}` : '';
}

/**
 * Why rows are marked, on one line: what changed since stale real runs were made (each change
 * once; a stale run's other figures are moot until `r` runs it again), then the first disturbed
 * run and its reason, e.g. `stale: GIL none→new (r re-runs)` or
 * `! worker: speed-up 2.61× above the limit 2.00 of 2 tasks on 2 cores`, then what `~` means
 * when a real figure read at its sampler's resolution is among the columns shown.
 */
function notesLine(rows: readonly SummaryRow[], width: number, approximateShown: boolean): Line[] {
  const changes = [...new Set(rows.flatMap((row) => row.stale))];
  const disturbed = rows.filter((row) => row.disturbedReason !== null && row.stale.length === 0);
  const parts: string[] = [];
  if (changes.length > 0) parts.push(`stale: ${changes.join(', ')} (r re-runs)`);
  if (disturbed.length > 0) {
    const more = disturbed.length > 1 ? ` (+${disturbed.length - 1} more)` : '';
    parts.push(`${DISTURBED} ${disturbed[0]!.strategy}: ${disturbed[0]!.disturbedReason}${more}`);
  }
  if (approximateShown) parts.push(APPROXIMATE_NOTE);
  return parts.length === 0 ? [] : [styled(truncate(parts.join(' · '), width), DIM)];
}

/** The segments cut to `width` columns (the table's rightmost columns give way). */
function clip(segments: readonly Segment[], width: number): Line {
  const out: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    const room = width - used;
    if (room <= 0) break;
    const text = columnsOf(segment.text) <= room ? segment.text : truncate(segment.text, room, '');
    out.push({ text, style: segment.style });
    used += columnsOf(text);
  }
  return out;
}

function failureLine(real: readonly Run[], width: number, theme: Theme): Line[] {
  const [first, ...others] = failureNotes(real);
  if (first === undefined) return [];
  const more = others.length > 0 ? ` (+${others.length} more)` : '';
  return [styled(truncate(`${stateGlyph(theme, 'failed')} ${first}${more}`, width), foreground(themeColour(theme, 'failed')))];
}
