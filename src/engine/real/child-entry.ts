import { runInExecutor } from './executor.js';
import type { ExecutorContext, TaskEvent, TaskOrder, TaskOutcome } from './protocol.js';

/** Messages between the engine and a forked child (IPC keeps their order). */
export type ToChild = { kind: 'task'; order: TaskOrder; context: ExecutorContext };
export type FromChild = { kind: 'ready' } | { kind: 'event'; event: TaskEvent } | { kind: 'outcome'; outcome: TaskOutcome };

/**
 * A forked child of the process strategy: it runs the tasks it is sent, one at a time, and
 * exits when the engine disconnects (or dies: IPC closes, so no orphan is left behind).
 */
function send(message: FromChild): void {
  process.send?.(message);
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (message: ToChild) => {
  queue = queue.then(async () => {
    const outcome = await runInExecutor(message.order, message.context, 'blocking', (event) => send({ kind: 'event', event }));
    send({ kind: 'outcome', outcome });
  });
});
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready' });
