import type { GilLock } from './gil-lock.js';
import type { WorkerPool } from './worker-pool.js';
import type { ExecutorContext, FromExecutor, RealTask, TaskEvent, TaskOutcome } from './protocol.js';
import type { RealRunError } from './run-errors.js';

/**
 * The real strategies, named and ordered like the emulated ones they are the exact twins of
 * (registry/strategies.ts): `threads`/`processes` start one worker thread / child per task,
 * `thread-pool`/`process-pool` a pool of `workers`, `sequential` and `async` run in a host
 * worker started before the run's clock (real-strategies.ts says how each runs).
 */
export const REAL_STRATEGIES = ['sequential', 'threads', 'processes', 'async', 'thread-pool', 'process-pool', 'interpreters', 'interpreter-pool'] as const;
export type RealStrategy = (typeof REAL_STRATEGIES)[number];

/**
 * The real strategies' old names, kept as aliases: `worker` was a pool of worker threads and
 * `process` a pool of children, which are now the real thread-pool and process-pool. The one
 * table of them: `run --strategy` takes them, and traces written under them still load.
 */
const ALIASES = { worker: 'thread-pool', process: 'process-pool' } as const satisfies Record<string, RealStrategy>;
export const REAL_STRATEGY_ALIASES: Readonly<Record<string, RealStrategy>> = ALIASES;

/** Every name a real strategy answers to: its own, or an old one. */
export const REAL_STRATEGY_NAMES = [...REAL_STRATEGIES, ...(Object.keys(ALIASES) as (keyof typeof ALIASES)[])];

/** The strategy a name stands for, an old name resolved; any other text as it is (for the caller to refuse). */
export function realStrategyNamed(name: string): string {
  return Object.hasOwn(ALIASES, name) ? ALIASES[name as keyof typeof ALIASES] : name;
}

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
  /** An executor's message: an event or an outcome. */
  message(message: FromExecutor): void;
  /** The lane's executor died or was stopped: the lane fails with `error`. */
  fail(lane: number, error: RealRunError): void;
  isFinished(lane: number): boolean;
}

/** What a strategy gets from the run: the tasks, what to run them with, where to report, and when to stop. */
export interface StrategyContext {
  tasks: readonly RealTask[];
  executor: ExecutorContext;
  /** Workers of a pool strategy (thread-pool: `threads`, process-pool: `procs`); unused by the others. */
  poolSize: number;
  /**
   * The worker that hosts sequential and async (started before the run's clock, so its start-up
   * is not the strategy's); null for the strategies that start their own threads or processes.
   */
  host: WorkerPool | null;
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
