import type { MessagePort } from 'node:worker_threads';
import { sinceUs } from './clock.js';
import { runInExecutor } from './executor.js';
import type { ExecutorContext, TaskOrder, TaskOutcome } from './protocol.js';

/** What the engine submits to the piscina pool. */
export type WorkerJob =
  /** One task on this thread (sequential and thread-pool strategies). */
  | { kind: 'task'; order: TaskOrder; context: ExecutorContext; port: MessagePort }
  /** Every task of an async run as coroutines on this thread's event loop. */
  | { kind: 'async-batch'; orders: TaskOrder[]; context: ExecutorContext; port: MessagePort }
  /** Nothing: answered once the worker has started and loaded this module (the host's start-up). */
  | { kind: 'warm-up' };

/**
 * The piscina worker (built to .js; Node 20 cannot load .ts workers). Events go out on the
 * job's own port; the outcome is the job's result, so the engine never mistakes the order.
 * Every timer and socket a task opened is awaited before returning: piscina's default
 * `atomics: 'sync'` freezes an idle worker's event loop.
 */
export default async function handle(job: WorkerJob): Promise<TaskOutcome[]> {
  if (job.kind === 'warm-up') return [];
  const emit = job.port.postMessage.bind(job.port);
  try {
    if (job.kind === 'task') return [await runInExecutor(job.order, job.context, 'blocking', emit)];
    return await Promise.all(
      job.orders.map(async (order) => {
        const waitUs = order.task.arrivalUs - sinceUs(job.context.originUs);
        if (waitUs > 0) await new Promise((resolve) => setTimeout(resolve, waitUs / 1_000));
        return runInExecutor(order, job.context, 'async', emit);
      }),
    );
  } finally {
    job.port.close();
  }
}
