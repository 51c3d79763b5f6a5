import type { Run } from './runs.js';
import { isComplete } from './trace.js';

/** One row of the elapsed-time table, shared by the CLI table and the dashboard. */
export interface SummaryRow {
  source: Run['source'];
  strategy: Run['strategy'];
  elapsedUs: number;
  speedup: number | null;
  /** Percent of the cores' time spent on task work. */
  cpuPercent: number;
  contextSwitches: number;
  gilHandoffs: number;
  failed: number;
  /** The fastest complete run of its source (a run cut short by a failure never wins). */
  best: boolean;
}

export function summaryRows(runs: readonly Run[]): SummaryRow[] {
  const fastest = new Map<string, number>();
  for (const run of runs.filter(isComplete)) {
    fastest.set(run.source, Math.min(fastest.get(run.source) ?? Number.POSITIVE_INFINITY, run.elapsedUs));
  }
  return runs.map((run) => ({
    source: run.source,
    strategy: run.strategy,
    elapsedUs: run.elapsedUs,
    speedup: run.speedupVsSequential,
    cpuPercent: run.cpuUtilization * 100,
    contextSwitches: run.contextSwitches,
    gilHandoffs: run.gilHandoffs,
    failed: run.tasks.filter((task) => task.error !== undefined).length,
    best: runs.length > 1 && isComplete(run) && run.elapsedUs === fastest.get(run.source),
  }));
}

/**
 * A speed-up for a table: two decimals, or two significant digits below 0.1 so that a strategy
 * 250 times slower reads 0.0040, not 0.00.
 */
export function formatSpeedup(speedup: number): string {
  return speedup >= 0.1 ? speedup.toFixed(2) : speedup.toPrecision(2);
}

/** Task names listed in a failure note before "and N more". */
const NAMES_LISTED = 3;

/**
 * Why tasks failed: one note per run and reason, e.g.
 * `count-1, count-2 (sequential): timed out after 150 ms`.
 */
export function failureNotes(runs: readonly Run[]): string[] {
  return runs.flatMap((run) => {
    const byReason = new Map<string, string[]>();
    for (const task of run.tasks) {
      if (task.error !== undefined) byReason.set(task.error, [...(byReason.get(task.error) ?? []), task.name]);
    }
    return [...byReason].map(([reason, names]) => {
      const more = names.length > NAMES_LISTED ? ` and ${names.length - NAMES_LISTED} more` : '';
      return `${names.slice(0, NAMES_LISTED).join(', ')}${more} (${run.strategy}): ${reason}`;
    });
  });
}
