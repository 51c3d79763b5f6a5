import type { EmulatedStrategy } from './emulator/params.js';
import type { Run } from './runs.js';
import { formatSpeedup, summaryRows, type SummaryRow } from './summary.js';
import { pairRuns, type RunPair } from './twins.js';

/** One line of the elapsed-time table: an emulated strategy's row and its real twin's, either possibly missing. */
export interface PairRow {
  strategy: EmulatedStrategy;
  emulated: SummaryRow | undefined;
  real: SummaryRow | undefined;
  /** The runs the rows are of (their spans, for what a caption measures beyond the figures). */
  runs: RunPair;
}

/**
 * The table's figures, strategy by strategy: what the dashboard's table prints and what its
 * captions quote, from this one function, so a caption can never say another number.
 */
export function pairRows(emulated: readonly Run[], real: readonly Run[]): PairRow[] {
  const emulatedRows = summaryRows(emulated);
  const realRows = summaryRows(real);
  const rowOf = (runs: readonly Run[], rows: SummaryRow[], run: Run | undefined) => (run === undefined ? undefined : rows[runs.indexOf(run)]);
  return pairRuns(emulated, real).map((pair) => ({
    strategy: pair.strategy,
    emulated: rowOf(emulated, emulatedRows, pair.emulated),
    real: rowOf(real, realRows, pair.real),
    runs: pair,
  }));
}

/**
 * Whether a row's figures are results a caption may quote: the run finished every task and has
 * a speed-up. (The one test of "earned"; the table's live, disturbed and stale flags belong here.)
 */
export function isQuotable(row: SummaryRow | undefined): row is SummaryRow & { speedup: number } {
  return row !== undefined && row.failed === 0 && row.speedup !== null;
}

/**
 * The speed-up as the table prints it, as a number (`0.64` for 0.6417): what a caption compares
 * and quotes. Null when the row's figures are not quotable.
 */
export function shownSpeedup(row: SummaryRow | undefined): number | null {
  return isQuotable(row) ? Number(formatSpeedup(row.speedup)) : null;
}
