import { readStealUs, stealBetween } from './real/cpu-steal.js';
import type { RealRun, Trace } from './runs.js';
import { representativeRun, type Sample } from './repeats.js';
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
  /** Runs of each strategy (default 1): the rounds interleave, A B C A B C (see repeats.ts). */
  repeat?: number;
}

/**
 * Runs the strategies in order, never at once: they would compete for the same cores and
 * every figure would be wrong. With `repeat` N, the whole list runs N times in turn, so a slow
 * stretch of a busy machine spreads over every strategy instead of landing on one.
 */
export function runInTurn<S extends string>({ workload, notes, strategies, start, onStrategy, repeat = 1 }: InTurn<S>): RealSession {
  const samples = new Map<S, Sample[]>(strategies.map((strategy) => [strategy, []]));
  let current: { strategy: S; handle: RunHandle } | null = null;
  let cancelled: string | null = null;
  const sessionStartMs = performance.now();
  // One run per strategy, in the list's order: the one in progress as far as it got, else the median so far.
  const trace = (): Trace => {
    const runs = strategies.flatMap((strategy): RealRun[] => {
      if (current?.strategy === strategy) return [{ ...current.handle.snapshot(), inProgress: true }];
      const own = samples.get(strategy)!;
      if (own.length === 0) return [];
      return [repeat > 1 ? representativeRun(own) : own[0]!.run];
    });
    return { workload, runs: withSpeedups(runs), notes };
  };

  const done = (async () => {
    for (let round = 0; round < repeat; round++) {
      for (const strategy of strategies) {
        if (cancelled !== null) break;
        onStrategy?.(strategy);
        const startUs = Math.round((performance.now() - sessionStartMs) * 1_000);
        const stealBeforeUs = readStealUs();
        current = { strategy, handle: start(strategy) };
        const run = withSteal(await current.handle.done, stealBetween(stealBeforeUs, readStealUs()));
        samples.get(strategy)!.push({ run, startUs });
        current = null;
      }
    }
    return trace();
  })();

  return {
    snapshot: trace,
    done,
    cancel: async (reason = 'cancelled') => {
      cancelled = reason;
      await current?.handle.cancel(reason);
      // A session that failed (it rejected `done`) is stopped all the same.
      await done.catch(() => undefined);
    },
  };
}

/** The run with the CPU steal seen while it ran (what disturbance.ts judges), when it could be read. */
function withSteal(run: RealRun, stealUs: number | null): RealRun {
  return stealUs === null ? run : { ...run, stealUs };
}
