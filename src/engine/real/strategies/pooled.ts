import type { TaskOrder } from '../protocol.js';
import { TaskCrashedError, abortReason, type RealRunError } from '../run-errors.js';
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
async function runOne(pool: WorkerPool, lane: number, context: StrategyContext, alreadyQueued = false): Promise<void> {
  const order: TaskOrder = { lane, task: context.tasks[lane]! };
  if (!alreadyQueued) context.report.submitted(lane);
  try {
    const [outcome] = await pool.run({ kind: 'task', order, context: context.executor }, (event) => context.report.event(event), context.signal);
    if (outcome) context.report.outcome(outcome);
  } catch (error) {
    context.lock?.releaseDeadHolder(lane + 1);
    context.report.fail(lane, reason(error, context));
  }
}

/** piscina loads with the first real run, not with every command (--help, emulate). */
export const loadWorkerPool = () => import('../worker-pool.js');

async function withPool(threads: number, context: StrategyContext, body: (pool: WorkerPool) => Promise<void>): Promise<void> {
  const { WorkerPool } = await loadWorkerPool();
  const pool = new WorkerPool(threads);
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

/** One worker runs the tasks in turn (off the UI thread), like a plain Python script. */
export const runSequential: StrategyRunner = (context) =>
  withPool(1, context, async (pool) => {
    // Tasks that arrived wait their turn: they are ready, as in the emulator's sequential run.
    context.tasks.forEach((task, lane) => context.report.submitted(lane, task.arrivalUs));
    for (let lane = 0; lane < context.tasks.length && !context.signal.aborted; lane++) {
      await context.arrival(context.tasks[lane]!);
      if (!context.signal.aborted) await runOne(pool, lane, context, true);
    }
  });

/** A piscina pool of `threads` workers; each task goes to the pool when it arrives. */
export const runWorkers: StrategyRunner = (context) =>
  withPool(context.threads, context, async (pool) => {
    await Promise.all(
      context.tasks.map(async (task, lane) => {
        await context.arrival(task);
        if (!context.signal.aborted) await runOne(pool, lane, context);
      }),
    );
  });

/**
 * One event loop (in a worker, so the UI stays live) runs every task as a coroutine:
 * CPU work blocks the loop, waits overlap.
 */
export const runAsync: StrategyRunner = (context) =>
  withPool(1, context, async (pool) => {
    const orders = context.tasks.map((task, lane): TaskOrder => ({ lane, task }));
    // Coroutines are created at their arrival inside the loop; until they run they are ready.
    for (const { lane, task } of orders) context.report.submitted(lane, task.arrivalUs);
    try {
      const outcomes = await pool.run({ kind: 'async-batch', orders, context: context.executor }, (event) => context.report.event(event), context.signal);
      for (const outcome of outcomes) context.report.outcome(outcome);
    } catch (error) {
      for (const { lane } of orders) if (!context.report.isFinished(lane)) context.report.fail(lane, reason(error, context));
    }
  });
