import { parentPort, workerData } from 'node:worker_threads';
import { runInExecutor } from './executor.js';
import type { ExecutorContext, FromExecutor, TaskOrder } from './protocol.js';

/** What a thread of the `threads` strategy is started with (its `workerData`). */
export interface ThreadJob {
  order: TaskOrder;
  context: ExecutorContext;
}

/**
 * A worker thread of its own for one task, as `threading.Thread(target=task).start()` is: it
 * runs the task, reports it, and ends (its event loop empties once the outcome is posted).
 */
const port = parentPort;
if (!port) throw new Error('thread-entry runs only as a worker thread');
const job = workerData as ThreadJob;
const send = (message: FromExecutor) => port.postMessage(message);
const outcome = await runInExecutor(job.order, job.context, 'blocking', (event) => send({ kind: 'event', event }));
send({ kind: 'outcome', outcome });
