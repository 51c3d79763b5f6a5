import { readStealUs, stealBetween } from './real/cpu-steal.js';
import type { RealRun, Trace } from './runs.js';
import { withSpeedups } from './trace.js';

/** A run in progress, of any runtime: a live picture, its end, and a way to stop it. */
export interface RunHandle {
  snapshot(): RealRun;
  done: Promise<RealRun>;
  cancel(reason?: string): Promise<void>;
}

/** Several strategies run for real, one after another; what the CLI and the dashboard start. */
export interface RealSession {
  /** Finished runs plus the one in progress, as far as it got. */
  snapshot(): Trace;
  done: Promise<Trace>;
  /** Stops the run in progress and skips the rest; resolves when every worker and child is gone. */
  cancel(reason?: string): Promise<void>;
}

export interface InTurn<S extends string> {
  workload: string;
  notes: string[];
  strategies: readonly S[];
  start: (strategy: S) => RunHandle;
  /** Told when each strategy starts (e.g. for a progress line). */
  onStrategy?: (strategy: S) => void;
}

/**
 * Runs the strategies in order, never at once: they would compete for the same cores and
 * every figure would be wrong.
 */
export function runInTurn<S extends string>({ workload, notes, strategies, start, onStrategy }: InTurn<S>): RealSession {
  const finished: RealRun[] = [];
  let current: RunHandle | null = null;
  let cancelled: string | null = null;
  const trace = (runs: RealRun[]): Trace => ({ workload, runs: withSpeedups(runs), notes });

  const done = (async () => {
    for (const strategy of strategies) {
      if (cancelled !== null) break;
      onStrategy?.(strategy);
      const stealBeforeUs = readStealUs();
      current = start(strategy);
      finished.push(withSteal(await current.done, stealBetween(stealBeforeUs, readStealUs())));
      current = null;
    }
    return trace(finished);
  })();

  return {
    snapshot: () => trace(current ? [...finished, { ...current.snapshot(), inProgress: true }] : [...finished]),
    done,
    cancel: async (reason = 'cancelled') => {
      cancelled = reason;
      await current?.cancel(reason);
      // A session that failed (it rejected `done`) is stopped all the same.
      await done.catch(() => undefined);
    },
  };
}

/** The run with the CPU steal seen while it ran (what disturbance.ts judges), when it could be read. */
function withSteal(run: RealRun, stealUs: number | null): RealRun {
  return stealUs === null ? run : { ...run, stealUs };
}
