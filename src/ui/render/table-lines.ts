import { failureNotes, formatElapsed, formatSpeedup, formatSpread, pairRows, type RealQuestion, type Run, type SummaryRow } from '../../engine/index.js';
import { stateGlyph, themeColour, type Theme } from '../theme.js';
import { pushSegment, styled, type Line, type Segment } from './line.js';
import { BOLD, DIM, PLAIN, foreground, type Style } from './style.js';
import { columnsOf, fit, truncate } from './text.js';

/** A table cell: its text and how it is drawn. */
interface Cell {
  text: string;
  style: Style;
}

const cell = (text: string, style: Style = PLAIN): Cell => ({ text, style });

/** Marks in the elapsed cells, explained by the notes line below the table. */
const FASTEST = '*';
const DISTURBED = '!';
/** Follows the elapsed time of a run in progress: how far it has got, not a result. */
const RUNNING = '…';

/**
 * One table row per strategy, real and emulated side by side, as far as playback has got.
 * Each elapsed column marks its own fastest run (`*`: ended, complete, undisturbed, not stale);
 * a real run in progress shows how far it has got (`1.2s…`) and nothing else; a disturbed run
 * is marked `!`; a stale one (its setup no longer what `now` asks) is dimmed with `stale` for its
 * speed-up. One line below says why (disturbed, stale), and one more why tasks failed.
 */
export function tableLines(emulated: readonly Run[], real: readonly Run[], playheadUs: number, width: number, theme: Theme, now?: RealQuestion): Line[] {
  const played = (row: SummaryRow | undefined) => row !== undefined && row.elapsedUs <= playheadUs;
  // Two groups, real then emulated, so that CPU, switches and GIL hand-offs (measured only by the
  // emulator: the real caption gives real hand-offs) visibly belong to the emulated runs.
  const divider = '│';
  const header = ['strategy', 'real', '×real', divider, 'emulated', '×emu', 'CPU', 'switch', 'GIL'];
  // The strategy column gives way first (to 10 columns: 'sequential'), then the rightmost
  // columns are cut. A repeated real run's cell adds its spread (`605.2ms ±4%`): the strategy
  // column lends the room.
  const others = [real.some(hasRepeats) ? 13 : 9, 6, 1, 9, 6, 5, 7, 6];
  const widths = [Math.max(10, Math.min(18, width - others.reduce((sum, w) => sum + w + 1, 0))), ...others];
  const line = (cells: Cell[]): Line => {
    const segments: Segment[] = [];
    cells.forEach((c, i) => {
      if (i > 0) pushSegment(segments, ' ', PLAIN);
      pushSegment(segments, fit(c.text, widths[i]!, i === 0 ? 'left' : 'right'), c.style);
    });
    return clip(segments, width);
  };
  // The captions quote these very rows (pairRows), so they cannot say another number.
  const pairs = pairRows(emulated, real, now);
  const rows = pairs.map((pair) => {
    const emu = pair.emulated;
    const realRow = pair.real;
    const emuShown = played(emu);
    return line([
      cell(`${pair.strategy}${realRow && realRow.strategy !== pair.strategy ? `/${realRow.strategy}` : ''}`),
      ...realCells(realRow, spreadOf(pair.runs.real)),
      cell(divider),
      emu ? (emuShown ? elapsedCell(emu) : cell('…')) : cell('-'),
      cell(emuShown && emu!.speedup ? formatSpeedup(emu!.speedup) : '-'),
      cell(emuShown ? `${emu!.cpuPercent.toFixed(0)}%` : '-'),
      cell(emuShown ? String(emu!.contextSwitches) : '-'),
      cell(emuShown ? String(emu!.gilHandoffs) : '-'),
    ]);
  });
  const shownRows = pairs.flatMap((pair) => [pair.emulated, pair.real].filter((row) => row !== undefined));
  return [line(header.map((text) => cell(text))), ...rows, ...notesLine(shownRows, width), ...failureLine(real, width, theme)];
}

/** The real elapsed (with the spread of repeated runs) and speed-up cells of a row. */
function realCells(row: SummaryRow | undefined, spread: string): [Cell, Cell] {
  if (row === undefined) return [cell('-'), cell('-')];
  if (row.failed > 0) return [cell(`${row.failed} failed`), cell('-')];
  if (row.inProgress) return [cell(`${formatElapsed(row.elapsedUs)}${RUNNING}`), cell('-')];
  if (row.stale.length > 0) return [cell(formatElapsed(row.elapsedUs) + spread, DIM), cell('stale', DIM)];
  return [elapsedCell(row, spread), cell(row.speedup ? formatSpeedup(row.speedup) : '-')];
}

/** An ended run's elapsed time, marked when it is the fastest of its column or disturbed. */
function elapsedCell(row: SummaryRow, spread = ''): Cell {
  const elapsed = formatElapsed(row.elapsedUs) + spread;
  if (row.disturbedReason !== null) return cell(`${DISTURBED}${elapsed}`);
  return row.best ? cell(`${FASTEST}${elapsed}`, BOLD) : cell(elapsed);
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
 * `! worker: speed-up 2.61× above the limit 2.00 of 2 tasks on 2 cores`.
 */
function notesLine(rows: readonly SummaryRow[], width: number): Line[] {
  const changes = [...new Set(rows.flatMap((row) => row.stale))];
  const disturbed = rows.filter((row) => row.disturbedReason !== null && row.stale.length === 0);
  const parts: string[] = [];
  if (changes.length > 0) parts.push(`stale: ${changes.join(', ')} (r re-runs)`);
  if (disturbed.length > 0) {
    const more = disturbed.length > 1 ? ` (+${disturbed.length - 1} more)` : '';
    parts.push(`${DISTURBED} ${disturbed[0]!.strategy}: ${disturbed[0]!.disturbedReason}${more}`);
  }
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
