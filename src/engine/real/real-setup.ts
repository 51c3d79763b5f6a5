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
  /** True when this run's executors actually shared the lock (only `worker` threads do). */
  gilLock: boolean;
  /** The lock's switch interval, when the session has one. */
  switchIntervalUs?: number;
  /** Worker threads of the pool (worker strategy). */
  threads?: number;
  /** Child processes at most (process strategy). */
  procs?: number;
  /** The run was ended after this long, when a timeout was set. */
  timeoutUs?: number;
}

/** How a real run is made, besides its tasks: what `realSetup` records of a run's spec. */
export interface RealSetupSpec {
  strategy: RealStrategy;
  /** Worker threads of `worker`. */
  threads: number;
  /** Child processes of `process`. */
  procs: number;
  /** `new`: `worker` threads share a CPython-like GIL. */
  gil: RealGil;
  switchIntervalUs: number;
  /** Ends the run after this long: unfinished lanes fail with "timed out". */
  timeoutUs?: number | undefined;
  /** Cores the user asked the run to be limited to (CPU affinity, see affinity.ts); null or absent: none. */
  coresAsked?: number | null | undefined;
}

/** True when the strategy's executors share the real lock: threads of one process. */
export function sharesRealLock(strategy: RealStrategy, gil: RealGil): boolean {
  return gil === 'new' && strategy === 'worker';
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
  if (spec.strategy === 'worker') setup.threads = spec.threads;
  if (spec.strategy === 'process') setup.procs = spec.procs;
  if (spec.timeoutUs !== undefined) setup.timeoutUs = spec.timeoutUs;
  return setup;
}
