import type { GilLock } from './gil-lock.js';
import type { ExecutorContext, RealTask, TaskEvent, TaskOutcome } from './protocol.js';
import type { RealRunError } from './run-errors.js';

/** The real strategies, as `run --strategy` names them. */
export const REAL_STRATEGIES = ['sequential', 'async', 'worker', 'process'] as const;
export type RealStrategy = (typeof REAL_STRATEGIES)[number];

/** Where a strategy reports what its lanes do (the run's reporter: run-reporter.ts). */
export interface LaneReports {
  /**
   * The task was handed to an executor at `atUs` (default now): it waits, or its executor
   * starts up, until the executor says hello.
   */
  submitted(lane: number, atUs?: number): void;
  /** Names the thread, process or loop that runs the lane. */
  group(lane: number, name: string): void;
  event(event: TaskEvent): void;
  outcome(outcome: TaskOutcome): void;
  /** The lane's executor died or was stopped: the lane fails with `error`. */
  fail(lane: number, error: RealRunError): void;
  isFinished(lane: number): boolean;
}

/** What a strategy gets from the run: the tasks, what to run them with, where to report, and when to stop. */
export interface StrategyContext {
  tasks: readonly RealTask[];
  executor: ExecutorContext;
  /** Worker threads of the `worker` strategy. */
  threads: number;
  /** Child processes of the `process` strategy. */
  procs: number;
  /** The run's GIL, for releasing a dead holder; null without `--gil new`. */
  lock: GilLock | null;
  /** Aborted when the run is cancelled or times out. */
  signal: AbortSignal;
  nowUs(): number;
  /** Resolves when the task's arrival time has come (at once when cancelled). */
  arrival(task: RealTask): Promise<void>;
  report: LaneReports;
}

/** A strategy runs every task of the context and resolves when all have ended. */
export type StrategyRunner = (context: StrategyContext) => Promise<void>;
