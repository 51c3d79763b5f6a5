import type { EmulatedStrategy } from './emulator/params.js';
import { isReal, type Run } from './runs.js';
import { staleness, type RealQuestion } from './staleness.js';
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
 * captions quote, from this one function, so a caption can never say another number. With `now`
 * (what the parameters ask of real runs now), each real row says how stale it is.
 */
export function pairRows(emulated: readonly Run[], real: readonly Run[], now?: RealQuestion): PairRow[] {
  const emulatedRows = summaryRows(emulated);
  const realRows = summaryRows(real, now ? { staleness: (run) => (isReal(run) ? staleness(run, now) : []) } : {});
  const rowOf = (runs: readonly Run[], rows: SummaryRow[], run: Run | undefined) => (run === undefined ? undefined : rows[runs.indexOf(run)]);
  return pairRuns(emulated, real).map((pair) => ({
    strategy: pair.strategy,
    emulated: rowOf(emulated, emulatedRows, pair.emulated),
    real: rowOf(real, realRows, pair.real),
    runs: pair,
  }));
}

/**
 * Whether a row's figures are results a caption may quote: the run ended, finished every task,
 * has a speed-up, was not disturbed and is not stale (the one test of "earned").
 */
export function isQuotable(row: SummaryRow | undefined): row is SummaryRow & { speedup: number } {
  return row !== undefined && !row.inProgress && row.failed === 0 && row.speedup !== null && row.disturbedReason === null && row.stale.length === 0;
}

/**
 * The speed-up as the table prints it, as a number (`0.64` for 0.6417): what a caption compares
 * and quotes. Null when the row's figures are not quotable.
 */
export function shownSpeedup(row: SummaryRow | undefined): number | null {
  return isQuotable(row) ? Number(formatSpeedup(row.speedup)) : null;
}
