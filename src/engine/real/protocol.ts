import type { DbAddress } from '../../workloads/db-server.js';
import type { WorkloadCall } from '../scenario.js';

/** A deliberate failure (tests and demos of fault handling); see faults.ts. */
export interface FaultCall {
  workload: 'fault';
  argument: number;
}

/** One step of a real task: a workload call, or an injected fault. */
export type RealCall = WorkloadCall | FaultCall;

/** A task as the real engine runs it: workload calls in order, after an arrival delay. */
export interface RealTask {
  name: string;
  arrivalUs: number;
  calls: RealCall[];
}

/** The shared lock a `--gil new` worker run uses (see gil-lock.ts). */
export interface GilSettings {
  buffer: SharedArrayBuffer;
  switchIntervalUs: number;
}

/** What an executor (worker thread or child process) needs to run tasks. */
export interface ExecutorContext {
  /** `epochUs()` at the run's start: every event is stamped relative to it. */
  originUs: number;
  /** The run's loopback database (port and token), when a task queries it. */
  db: DbAddress | null;
  gil: GilSettings | null;
}

/**
 * The states a task reports about itself. `spawn` and waiting in a queue are inferred by the
 * engine; a task reports `ready` only when it knows it waited (a coroutine resuming late).
 */
export type ReportedState = 'running' | 'io' | 'gil-wait' | 'ready';

/** Events an executor sends while a task runs, stamped in µs since the run's start. */
export type TaskEvent =
  /**
   * The task started in its executor (pid/tid of its OS thread, for /proc sampling);
   * `executorReadyUs` is when that worker or child finished starting up, and `firstTask`
   * whether this is its first task (only then was the task's wait a start-up).
   */
  | { type: 'hello'; lane: number; atUs: number; pid: number; tid: number | null; executorReadyUs: number; firstTask: boolean }
  | { type: 'state'; lane: number; atUs: number; state: ReportedState }
  /** The task's thread took the GIL. */
  | { type: 'gil'; lane: number; atUs: number }
  /** The task is still computing (live bars between state changes). */
  | { type: 'progress'; lane: number; atUs: number };

/** How a task ended, as its executor saw it. */
export type TaskOutcome = { lane: number; atUs: number; ok: true; result: string } | { lane: number; atUs: number; ok: false; error: string };

/** What an executor tells the engine while it runs tasks: their events, and each outcome as it ends. */
export type FromExecutor = { kind: 'event'; event: TaskEvent } | { kind: 'outcome'; outcome: TaskOutcome };

/** One task for a worker or child: the lane it draws on and what it runs. */
export interface TaskOrder {
  lane: number;
  task: RealTask;
}
