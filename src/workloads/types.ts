import type { Phase } from '../engine/task-spec.js';
import type { Calibration } from './calibration.js';

/** How real work is sized on this machine (the engine's RealSizing, as a workload needs it). */
export interface WorkloadSizing {
  /** Real runs last `scale` × the time CPython would need (1 = the same durations). */
  scale: number;
  calibration: Calibration;
}

/** What the real engine's task runner lends a workload while it runs one call. */
export interface WorkloadHost {
  /** `blocking`: the task owns its thread (like a Python thread); `async`: coroutines share one loop. */
  mode: 'blocking' | 'async';
  /** The task's name (a query asks for the table of that name). */
  taskName: string;
  /** Port of the run's loopback database, when one was started. */
  dbPort: number | null;
  nowUs(): number;
  /** Between chunks of CPU work: reports progress, and yields the GIL when a rival asked for it. */
  onChunk(done: number): void;
  /** Chunk of a count between two GIL checks, when a real GIL is held (else the default chunk). */
  gilCheckChunk: number | undefined;
  /** A blocking wait (a sleep, a socket): the GIL is released around it, as CPython does. */
  waitOutside(wait: () => unknown): Promise<void>;
  /** Native work that releases the GIL (zlib): run without it, then take it back. */
  withoutGil<T>(work: () => T): T;
  /** A coroutine due at `dueUs` resumed only now: on a shared loop it was ready, not waiting, meanwhile. */
  resumed(dueUs: number): void;
}

/**
 * A workload: the real work the real engine runs, and the cost model the emulator uses for it,
 * so one scenario can be run both ways. One descriptor per workload, listed in index.ts.
 */
export interface Workload<Name extends string = string> {
  name: Name;
  /** What a call's argument counts (iterations, milliseconds, bytes). */
  unit: string;
  /** The phases CPython would go through for this call. */
  cost(argument: number, calibration: Calibration): Phase[];
  /** The argument of the real call that lasts `sizing.scale` × CPython's time on this machine. */
  scale(argument: number, sizing: WorkloadSizing): number;
  /** Runs one call for real; resolves with what to report as its result (null: nothing). */
  run(argument: number, host: WorkloadHost): string | null | Promise<string | null>;
}
