import { loadWorkerPool, runAsync, runSequential, runThreadPool } from './strategies/pooled.js';
import { runProcessPool, runProcesses } from './strategies/process.js';
import { runThreads } from './strategies/threads.js';
import type { RealStrategy, StrategyRunner } from './strategy-context.js';

/** Where a real strategy runs its tasks. */
export type RealExecutor =
  /** The host worker, started before the run's clock (sequential, async). */
  | 'host'
  /** Worker threads of this process, started by the strategy. */
  | 'threads'
  /** Child processes, forked by the strategy. */
  | 'processes';

/** Everything the real engine knows about one strategy, in one place (the twin of registry/strategies.ts). */
export interface RealStrategyDescriptor {
  run: StrategyRunner;
  executor: RealExecutor;
  /** Which of the run's sizes is its pool's (`threads` or `procs`); null without a pool. */
  pool: 'threads' | 'procs' | null;
  /** True when its threads share the real GIL under `--gil new` (threads of one interpreter). */
  sharesLock: boolean;
  /** The lanes' group until an executor names its own thread or process. */
  group: string;
  /** What it loads before the run's clock starts: a cost paid once per process (piscina's import, ~40 ms). */
  prepare?: () => Promise<unknown>;
}

/**
 * The real strategies. A new one (say `interpreters`: a worker thread per task, each its own
 * isolate with its own lock, `sharesLock: false`) is one entry here and its name in REAL_STRATEGIES.
 */
export const REAL_STRATEGY_TABLE: Record<RealStrategy, RealStrategyDescriptor> = {
  sequential: { run: runSequential, executor: 'host', pool: null, sharesLock: false, group: 'main' },
  threads: { run: runThreads, executor: 'threads', pool: null, sharesLock: true, group: 'threads' },
  processes: { run: runProcesses, executor: 'processes', pool: null, sharesLock: false, group: 'process' },
  async: { run: runAsync, executor: 'host', pool: null, sharesLock: false, group: 'loop' },
  'thread-pool': { run: runThreadPool, executor: 'threads', pool: 'threads', sharesLock: true, group: 'pool', prepare: loadWorkerPool },
  'process-pool': { run: runProcessPool, executor: 'processes', pool: 'procs', sharesLock: false, group: 'process' },
  // A worker thread is an isolate: like a subinterpreter, one per task (or a pool) with a lock
  // of its own, which no other task contends for, so none is shared.
  interpreters: { run: runThreads, executor: 'threads', pool: null, sharesLock: false, group: 'threads' },
  'interpreter-pool': { run: runThreadPool, executor: 'threads', pool: 'threads', sharesLock: false, group: 'pool', prepare: loadWorkerPool },
};
