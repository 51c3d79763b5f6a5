import { disturbanceOf } from './disturbance.js';
import { formatElapsed } from './duration.js';
import { runGilFigures } from './gil-figures.js';
import { APPROXIMATE, gilFiguresApproximate } from './hold-resolution.js';
import { isReal, type Run } from './runs.js';
import { hasEnded, isComplete } from './trace.js';

/** One row of the elapsed-time table, shared by the CLI table and the dashboard. */
export interface SummaryRow {
  source: Run['source'];
  strategy: Run['strategy'];
  /** The run's elapsed time; for a run in progress, how far it has got. */
  elapsedUs: number;
  /** Null while the run is in progress, after a failure, or without a sequential run. */
  speedup: number | null;
  /** Percent of the cores' time spent on task work. */
  cpuPercent: number;
  contextSwitches: number;
  gilHandoffs: number;
  /** The run's GIL figures (gil-figures.ts): gil-wait ÷ (running + gil-wait), hand-offs a second, median hold period. */
  gilContention: number | null;
  handoffsPerSecond: number | null;
  medianHoldUs: number | null;
  /** Its hand-offs a second and median hold are read below its sampler's resolution (hold-resolution.ts): shown `~`. */
  gilApproximate: boolean;
  failed: number;
  /** True for a snapshot of a run that has not ended: its figures are not results yet. */
  inProgress: boolean;
  /** Why its figures were disturbed from outside (disturbance.ts), or null. */
  disturbedReason: string | null;
  /** How its setup differs from what is asked now (staleness.ts), empty when it does not. */
  stale: readonly string[];
  /**
   * The fastest run of its source among those that can be compared (ended, every task finished,
   * not disturbed, not stale), once none of its source is still in progress.
   */
  best: boolean;
}

/** Options of `summaryRows`: how stale each real run is, when a caller knows what is asked now. */
export interface SummaryOptions {
  staleness?: (run: Run) => readonly string[];
}

export function summaryRows(runs: readonly Run[], options: SummaryOptions = {}): SummaryRow[] {
  const rows = runs.map(
    (run): Omit<SummaryRow, 'best'> => ({
      source: run.source,
      strategy: run.strategy,
      elapsedUs: run.elapsedUs,
      speedup: run.speedupVsSequential,
      cpuPercent: run.cpuUtilization * 100,
      contextSwitches: run.contextSwitches,
      gilHandoffs: run.gilHandoffs,
      ...gilColumns(run),
      failed: run.tasks.filter((task) => task.error !== undefined).length,
      inProgress: !hasEnded(run),
      disturbedReason: disturbedReasonOf(run, runs),
      stale: isReal(run) ? (options.staleness?.(run) ?? []) : [],
    }),
  );
  // While a run of a source is still going, its column has no fastest yet: the race is not over.
  const racing = new Set(rows.filter((row) => row.inProgress).map((row) => row.source));
  const eligible = (row: Omit<SummaryRow, 'best'>, i: number) =>
    !racing.has(row.source) && isComplete(runs[i]!) && row.disturbedReason === null && row.stale.length === 0;
  const fastest = new Map<string, number>();
  rows.forEach((row, i) => {
    if (eligible(row, i)) fastest.set(row.source, Math.min(fastest.get(row.source) ?? Number.POSITIVE_INFINITY, row.elapsedUs));
  });
  // One `*` per column: of runs tied for the fastest (processes and interpreters often are), the first listed.
  const marked = new Set<string>();
  return rows.map((row, i) => {
    const best = runs.length > 1 && eligible(row, i) && row.elapsedUs === fastest.get(row.source) && !marked.has(row.source);
    if (best) marked.add(row.source);
    return { ...row, best };
  });
}

function gilColumns(run: Run): Pick<SummaryRow, 'gilContention' | 'handoffsPerSecond' | 'medianHoldUs' | 'gilApproximate'> {
  const figures = runGilFigures(run);
  return {
    gilContention: figures.contention,
    handoffsPerSecond: figures.handoffsPerSecond,
    medianHoldUs: figures.medianHoldUs,
    gilApproximate: gilFiguresApproximate(run, figures.medianHoldUs),
  };
}

/**
 * A real run's verdict as its session (or the file it was read from) gave it; any other run is
 * judged here, by the same rule, so an emulated speed-up above the limit would show too.
 */
function disturbedReasonOf(run: Run, runs: readonly Run[]): string | null {
  if (isReal(run) && run.disturbed !== undefined) return run.disturbed ? (run.disturbedReason ?? 'disturbed') : null;
  const sequential = runs.find((other) => other.source === run.source && other.strategy === 'sequential');
  return disturbanceOf(run, sequential).disturbedReason;
}

/**
 * A speed-up for a table: two decimals, or two significant digits below 0.1 so that a strategy
 * 250 times slower reads 0.0040, not 0.00.
 */
export function formatSpeedup(speedup: number): string {
  return speedup >= 0.1 ? speedup.toFixed(2) : speedup.toPrecision(2);
}

/** A GIL contention for a table: a whole percent (`49%`), `-` when nothing ran. */
export function formatContention(contention: number | null): string {
  return contention === null ? '-' : `${Math.round(contention * 100)}%`;
}

/** Hand-offs a second for a table: whole ones (`194`; `~194` read at a sampler's resolution), `-` without an elapsed time. */
export function formatRate(perSecond: number | null, approximate = false): string {
  return perSecond === null ? '-' : `${approximate ? APPROXIMATE : ''}${Math.round(perSecond)}`;
}

/** A hold period for a table (`5.05ms`; `~1.70ms` read at a sampler's resolution), `-` with fewer than two hand-offs. */
export function formatHold(holdUs: number | null, approximate = false): string {
  return holdUs === null ? '-' : `${approximate ? APPROXIMATE : ''}${formatElapsed(Math.round(holdUs))}`;
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
