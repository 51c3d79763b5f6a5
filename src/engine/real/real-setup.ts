import { REAL_STRATEGY_TABLE } from './real-strategies.js';
import type { RealStrategy } from './strategy-context.js';

/** The GIL a real session puts on its worker threads (see gil-lock.ts). */
export type RealGil = 'none' | 'new';

/** The runtimes a real run can execute on. */
export type RealRuntime = 'node';

/**
 * What a real run was made with, stored on the run: enough to tell whether its figures still
 * answer the question the emulator's parameters ask (a stale run), and to read an export later.
 */
export interface RealSetup {
  runtime: RealRuntime;
  /** Cores this process could run on (its CPU affinity), the ones the run had. */
  coresGranted: number;
  /** Cores the user asked the run to be limited to; null when none were asked. */
  coresAsked: number | null;
  /** The session's GIL: `new` puts a CPython-like lock on worker threads. */
  gil: RealGil;
  /** True when this run's executors actually shared the lock (threads and thread-pool do). */
  gilLock: boolean;
  /** The lock's switch interval, when the session has one. */
  switchIntervalUs?: number;
  /** Worker threads of the pool (thread-pool). */
  threads?: number;
  /** Child processes of the pool (process-pool). */
  procs?: number;
  /**
   * The pool size of the emulated twin's layout (`--workers`), present only when `--threads` or
   * `--procs` made this run's pool another size: the run is then not its twin's exact layout.
   */
  twinWorkers?: number;
  /** The run was ended after this long, when a timeout was set. */
  timeoutUs?: number;
}

/** How a real run is made, besides its tasks: what `realSetup` records of a run's spec. */
export interface RealSetupSpec {
  strategy: RealStrategy;
  /** Workers of the emulated twin's pools (`--workers`): what `threads` and `procs` default to. */
  workers: number;
  /** Worker threads of thread-pool (`--threads`, default `workers`). */
  threads: number;
  /** Child processes of process-pool (`--procs`, default `workers`). */
  procs: number;
  /** `new`: the threads of threads and thread-pool share a CPython-like GIL. */
  gil: RealGil;
  switchIntervalUs: number;
  /** Ends the run after this long: unfinished lanes fail with "timed out". */
  timeoutUs?: number | undefined;
  /** Cores the user asked the run to be limited to (CPU affinity, see affinity.ts); null or absent: none. */
  coresAsked?: number | null | undefined;
}

/** True when the strategy's executors share the real lock: threads of one process. */
export function sharesRealLock(strategy: RealStrategy, gil: RealGil): boolean {
  return gil === 'new' && REAL_STRATEGY_TABLE[strategy].sharesLock;
}

/** The pool size a run of `spec` uses, or null for a strategy without a pool. */
export function poolSizeOf(spec: RealSetupSpec): number | null {
  const pool = REAL_STRATEGY_TABLE[spec.strategy].pool;
  return pool === null ? null : spec[pool];
}

/** The setup record of a run of `spec` with `coresGranted` cores: only what shapes that run. */
export function realSetup(spec: RealSetupSpec, coresGranted: number): RealSetup {
  const setup: RealSetup = {
    runtime: 'node',
    coresGranted,
    coresAsked: spec.coresAsked ?? null,
    gil: spec.gil,
    gilLock: sharesRealLock(spec.strategy, spec.gil),
  };
  if (spec.gil === 'new') setup.switchIntervalUs = spec.switchIntervalUs;
  const pool = REAL_STRATEGY_TABLE[spec.strategy].pool;
  if (pool !== null) {
    setup[pool] = spec[pool];
    if (spec[pool] !== spec.workers) setup.twinWorkers = spec.workers;
  }
  if (spec.timeoutUs !== undefined) setup.timeoutUs = spec.timeoutUs;
  return setup;
}
