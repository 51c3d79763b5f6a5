import type { TaskOrder } from '../protocol.js';
import { SpawnFailedError, TaskCrashedError, abortReason, type RealRunError } from '../run-errors.js';
import type { StrategyContext, StrategyRunner } from '../strategy-context.js';
import type { WorkerPool } from '../worker-pool.js';

/**
 * Why a job failed without an outcome: the run was stopped, or its worker died (piscina rejects
 * with "worker exited with code: 3"; a task's own errors come back as outcomes).
 */
function reason(error: unknown, context: StrategyContext): RealRunError {
  if (context.signal.aborted) return abortReason(context.signal);
  return TaskCrashedError.ofWorker(error instanceof Error ? error.message : String(error));
}

/** Runs one task on the pool; a crash or abort fails its lane and frees the GIL it may hold. */
async function runOne(pool: WorkerPool, lane: number, context: StrategyContext): Promise<void> {
  const order: TaskOrder = { lane, task: context.tasks[lane]! };
  context.report.submitted(lane);
  try {
    const [outcome] = await pool.run({ kind: 'task', order, context: context.executor }, (message) => context.report.message(message), context.signal);
    if (outcome) context.report.outcome(outcome);
  } catch (error) {
    context.lock?.releaseDeadHolder(lane + 1);
    context.report.fail(lane, reason(error, context));
  }
}

/** piscina loads with the first real run, not with every command (--help, emulate). */
export const loadWorkerPool = () => import('../worker-pool.js');

/**
 * Starts the one worker that hosts sequential and async and waits until it is ready, before the
 * run's clock starts: it keeps the UI's thread free, it is not part of either strategy (a Python
 * script's main thread exists before its first task), so its start-up is no part of their elapsed.
 */
export async function startHost(): Promise<WorkerPool> {
  const { WorkerPool } = await loadWorkerPool();
  const host = new WorkerPool(1);
  try {
    await host.warmUp();
  } catch (error) {
    await host.destroy();
    throw error;
  }
  return host;
}

/** Fails every lane not yet finished with `why`. */
function failAll(context: StrategyContext, why: RealRunError): void {
  context.tasks.forEach((_, lane) => context.report.isFinished(lane) || context.report.fail(lane, why));
}

/** Stops the pool once, when the run is cancelled or when `body` ends. */
async function whileRunning(pool: WorkerPool, context: StrategyContext, body: (pool: WorkerPool) => Promise<void>): Promise<void> {
  // Destroy once: a second destroy() while the first waits for its workers makes piscina start
  // fresh ones when the old ones exit (piscina 5.3), which nothing would ever stop.
  let destroyed: Promise<void> | undefined;
  const destroy = () => (destroyed ??= pool.destroy());
  const stop = () => void destroy();
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    await body(pool);
  } finally {
    context.signal.removeEventListener('abort', stop);
    await destroy();
  }
}

/** The host worker of sequential and async (real-run.ts starts it before the clock). */
function hostOf(context: StrategyContext): WorkerPool {
  if (!context.host) throw new Error('sequential and async run on a host worker started before the run');
  return context.host;
}

/**
 * Runs a batch of every task on the host worker: `sequential-batch` (one after another, like a
 * plain Python script, with no round trip to the engine between tasks) or `async-batch` (one
 * event loop runs them as coroutines: CPU work blocks it, waits overlap). Until a task runs it is
 * ready, as in the emulator.
 */
async function runBatch(kind: 'sequential-batch' | 'async-batch', context: StrategyContext): Promise<void> {
  const pool = hostOf(context);
  const orders = context.tasks.map((task, lane): TaskOrder => ({ lane, task }));
  for (const { lane, task } of orders) context.report.submitted(lane, task.arrivalUs);
  try {
    const outcomes = await pool.run({ kind, orders, context: context.executor }, (message) => context.report.message(message), context.signal);
    for (const outcome of outcomes) context.report.outcome(outcome);
  } catch (error) {
    for (const { lane } of orders) if (!context.report.isFinished(lane)) context.report.fail(lane, reason(error, context));
  }
}

/** One thread runs the tasks in turn (the host worker, off the UI thread), like a plain Python script. */
export const runSequential: StrategyRunner = (context) => runBatch('sequential-batch', context);

/**
 * A pool of `poolSize` worker threads, created when the strategy starts (its start-up is drawn
 * as `spawn`, as multiprocessing's ThreadPool pays for its threads); each task goes to the pool
 * when it arrives.
 */
export const runThreadPool: StrategyRunner = async (context) => {
  const { WorkerPool } = await loadWorkerPool();
  let pool: WorkerPool;
  try {
    pool = new WorkerPool(context.poolSize);
  } catch (error) {
    // A thread that cannot start (EAGAIN under a process limit) fails the lanes with the reason.
    return failAll(context, new SpawnFailedError(error instanceof Error ? error : new Error(String(error)), 'worker thread'));
  }
  await whileRunning(pool, context, async () => {
    await Promise.all(
      context.tasks.map(async (task, lane) => {
        await context.arrival(task);
        if (!context.signal.aborted) await runOne(pool, lane, context);
      }),
    );
  });
};

/**
 * One event loop (in the host worker, so the UI stays live) runs every task as a coroutine:
 * CPU work blocks the loop, waits overlap.
 */
export const runAsync: StrategyRunner = (context) => runBatch('async-batch', context);
