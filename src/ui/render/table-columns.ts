import { formatContention, formatElapsed, formatHold, formatRate, formatSpeedup, type SummaryRow } from '../../engine/index.js';
import { BOLD, DIM, PLAIN, type Style } from './style.js';
import { columnsOf, fit } from './text.js';

/** A table cell: its text and how it is drawn. */
export interface Cell {
  text: string;
  style: Style;
}

export const cell = (text: string, style: Style = PLAIN): Cell => ({ text, style });

/** Marks in the elapsed cells, explained by the notes line below the table. */
const FASTEST = '*';
const DISTURBED = '!';
/** Follows the elapsed time of a run in progress: how far it has got, not a result. */
const RUNNING = '…';

/** What a row's cells are drawn from: the pair's rows, whether the emulated one has been played, a repeated run's spread. */
export interface RowInput {
  strategy: string;
  real: SummaryRow | undefined;
  emulated: SummaryRow | undefined;
  emulatedShown: boolean;
  spread: string;
}

/** One column: its heading, its width, and its cell in a row. */
export interface Column {
  heading: string;
  width: number;
  cell: (row: RowInput) => Cell;
}

export const DIVIDER = '│';

/** What the GIL columns' short headings mean, for the help (the headings themselves are below). */
export const GIL_HEADINGS_MEANING = 'Table: GIL% gil-wait ÷ (running + gil-wait)  hand/s GIL hand-offs a second  hold median time a thread kept the GIL';

/**
 * The columns, in the order they are drawn, each with its rank: when the terminal is too narrow
 * for all, the columns of the highest ranks give way first (the table once cut its rightmost
 * columns, which lost the GIL at 60 columns). The real run's GIL figures follow the emulated
 * run's, behind their own divider, so that each elapsed group reads as it always has. At 80
 * columns: strategy, real, ×real │ emulated, ×emu, GIL%, hand/s, hold │ real GIL%; at 60:
 * strategy, real, ×real │ emulated, ×emu, GIL%.
 */
export function tableColumns(realWidth: number): { column: Column; rank: number }[] {
  const real = (row: RowInput) => row.real;
  const emulated = (row: RowInput) => (row.emulatedShown ? row.emulated : undefined);
  return [
    { rank: 1, column: { heading: 'real', width: realWidth, cell: (row) => realElapsed(row.real, row.spread) } },
    { rank: 2, column: { heading: '×real', width: 6, cell: (row) => realSpeedup(row.real) } },
    { rank: 3, column: { heading: DIVIDER, width: 1, cell: () => cell(DIVIDER) } },
    { rank: 4, column: { heading: 'emulated', width: 9, cell: (row) => emulatedElapsed(row) } },
    { rank: 5, column: { heading: '×emu', width: 6, cell: (row) => cell(emulated(row)?.speedup ? formatSpeedup(emulated(row)!.speedup!) : '-') } },
    { rank: 6, column: figureColumn('GIL%', 4, emulated, (row) => formatContention(row.gilContention)) },
    { rank: 7, column: figureColumn('hand/s', 6, emulated, (row) => formatRate(row.handoffsPerSecond)) },
    { rank: 8, column: figureColumn('hold', 6, emulated, (row) => formatHold(row.medianHoldUs)) },
    { rank: 12, column: figureColumn('CPU', 5, emulated, (row) => `${row.cpuPercent.toFixed(0)}%`) },
    { rank: 14, column: figureColumn('switch', 7, emulated, (row) => String(row.contextSwitches)) },
    { rank: 9, column: divided(figureColumn('real GIL%', 9, real, (row) => formatContention(row.gilContention))) },
    // A real Python run's are read by its sampler: `~` below its resolution (hold-resolution.ts).
    { rank: 10, column: figureColumn('hand/s', 6, real, (row) => formatRate(row.handoffsPerSecond, row.gilApproximate)) },
    { rank: 13, column: figureColumn('hold', 7, real, (row) => formatHold(row.medianHoldUs, row.gilApproximate)) },
  ];
}

/** The column behind a divider of its own (the first of the real run's GIL figures). */
function divided(column: Column): Column {
  return {
    heading: `${DIVIDER} ${column.heading}`,
    width: column.width + 2,
    cell: (row) => {
      const inner = column.cell(row);
      return cell(`${DIVIDER} ${fit(inner.text, column.width, 'right')}`, inner.style);
    },
  };
}

/** The columns that fit `width` beside a strategy column of at least `minStrategy` (byRank). */
export function fittingColumns(width: number, minStrategy: number, realWidth: number): Column[] {
  return byRank(tableColumns(realWidth), width, minStrategy);
}

/**
 * The columns kept, in their drawn order, when `reserved` columns are taken and each kept column
 * costs its width and a space: the lowest ranks first, until one does not fit.
 */
export function byRank<C extends { width: number }>(columns: readonly { column: C; rank: number }[], width: number, reserved: number): C[] {
  const kept = new Set<C>();
  let used = reserved;
  for (const { column } of [...columns].sort((a, b) => a.rank - b.rank)) {
    if (used + 1 + column.width > width) break;
    used += 1 + column.width;
    kept.add(column);
  }
  return columns.map(({ column }) => column).filter((column) => kept.has(column));
}

/**
 * A figure of a row's run, shown only where the run earned its figures (ended, every task done):
 * `-` otherwise; dimmed when the real run is stale.
 */
function figureColumn(heading: string, width: number, rowOf: (row: RowInput) => SummaryRow | undefined, text: (row: SummaryRow) => string): Column {
  return {
    heading,
    width: Math.max(width, columnsOf(heading)),
    cell: (input) => {
      const row = rowOf(input);
      if (row === undefined || row.inProgress || row.failed > 0) return cell('-');
      const figure = text(row);
      // A stale run's figures are dimmed (its `-` is not a figure).
      return cell(figure, row.stale.length > 0 && figure !== '-' ? DIM : PLAIN);
    },
  };
}

/** The real elapsed (with the spread of repeated runs): failed, how far a live run got, dimmed when stale, marked. */
function realElapsed(row: SummaryRow | undefined, spread: string): Cell {
  if (row === undefined) return cell('-');
  if (row.failed > 0) return cell(`${row.failed} failed`);
  if (row.inProgress) return cell(`${formatElapsed(row.elapsedUs)}${RUNNING}`);
  if (row.stale.length > 0) return cell(formatElapsed(row.elapsedUs) + spread, DIM);
  return elapsedCell(row, spread);
}

function realSpeedup(row: SummaryRow | undefined): Cell {
  if (row === undefined || row.failed > 0 || row.inProgress) return cell('-');
  if (row.stale.length > 0) return cell('stale', DIM);
  return cell(row.speedup ? formatSpeedup(row.speedup) : '-');
}

function emulatedElapsed(row: RowInput): Cell {
  if (row.emulated === undefined) return cell('-');
  return row.emulatedShown ? elapsedCell(row.emulated) : cell('…');
}

/** An ended run's elapsed time, marked when it is the fastest of its column or disturbed. */
function elapsedCell(row: SummaryRow, spread = ''): Cell {
  const elapsed = formatElapsed(row.elapsedUs) + spread;
  if (row.disturbedReason !== null) return cell(`${DISTURBED}${elapsed}`);
  return row.best ? cell(`${FASTEST}${elapsed}`, BOLD) : cell(elapsed);
}

export { DISTURBED };
