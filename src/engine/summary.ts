import type { Run } from './trace.js';

/** One row of the elapsed-time table, shared by the CLI table and the dashboard. */
export interface SummaryRow {
  source: Run['source'];
  strategy: string;
  elapsedUs: number;
  speedup: number | null;
  /** Percent of the cores' time spent on task work. */
  cpuPercent: number;
  contextSwitches: number;
  gilHandoffs: number;
  failed: number;
  /** The fastest run of its source. */
  best: boolean;
}

export function summaryRows(runs: readonly Run[]): SummaryRow[] {
  const fastest = new Map<string, number>();
  for (const run of runs) {
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
    best: runs.length > 1 && run.elapsedUs === fastest.get(run.source),
  }));
}
