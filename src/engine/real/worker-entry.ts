import type { MessagePort } from 'node:worker_threads';
import { assertNever } from '../assert-never.js';
import { sinceUs } from './clock.js';
import { runInExecutor } from './executor.js';
import type { ExecutorContext, FromExecutor, TaskEvent, TaskOrder, TaskOutcome } from './protocol.js';

/** What the engine submits to the piscina pool. */
export type WorkerJob =
  /** One task on this thread (a thread-pool's job). */
  | { kind: 'task'; order: TaskOrder; context: ExecutorContext; port: MessagePort }
  /** Every task of a sequential run, one after another on this thread, each from its arrival. */
  | { kind: 'sequential-batch'; orders: TaskOrder[]; context: ExecutorContext; port: MessagePort }
  /** Every task of an async run as coroutines on this thread's event loop. */
  | { kind: 'async-batch'; orders: TaskOrder[]; context: ExecutorContext; port: MessagePort }
  /** Nothing: answered once the worker has started and loaded this module (the host's start-up). */
  | { kind: 'warm-up' };

/** Resolves when `order`'s task has arrived (arrivals count from the run's start). */
function arrival(order: TaskOrder, context: ExecutorContext): Promise<void> {
  const waitUs = order.task.arrivalUs - sinceUs(context.originUs);
  return waitUs > 0 ? new Promise((resolve) => setTimeout(resolve, waitUs / 1_000)) : Promise.resolve();
}

/**
 * The piscina worker (built to .js; Node 20 cannot load .ts workers). Events and each outcome
 * go out on the job's own port as they happen (a batch's lanes end one by one, live); the
 * outcomes are also the job's result. Every timer and socket a task opened is awaited before
 * returning: piscina's default `atomics: 'sync'` freezes an idle worker's event loop.
 */
export default async function handle(job: WorkerJob): Promise<TaskOutcome[]> {
  if (job.kind === 'warm-up') return [];
  const send = (message: FromExecutor) => job.port.postMessage(message);
  const emit = (event: TaskEvent) => send({ kind: 'event', event });
  const ended = (outcome: TaskOutcome) => {
    send({ kind: 'outcome', outcome });
    return outcome;
  };
  try {
    switch (job.kind) {
      case 'task':
        return [ended(await runInExecutor(job.order, job.context, 'blocking', emit))];
      case 'sequential-batch': {
        // One thread, no coordinator between tasks: a plain script's loop over its tasks.
        const outcomes: TaskOutcome[] = [];
        for (const order of job.orders) {
          await arrival(order, job.context);
          outcomes.push(ended(await runInExecutor(order, job.context, 'blocking', emit)));
        }
        return outcomes;
      }
      case 'async-batch':
        return await Promise.all(
          job.orders.map(async (order) => {
            await arrival(order, job.context);
            return ended(await runInExecutor(order, job.context, 'async', emit));
          }),
        );
      default:
        return assertNever(job, 'worker job');
    }
  } finally {
    job.port.close();
  }
}
