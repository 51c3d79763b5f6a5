import { runInExecutor } from './executor.js';
import type { ExecutorContext, FromExecutor, TaskOrder } from './protocol.js';

/** Messages between the engine and a forked child (IPC keeps their order). */
export type ToChild = { kind: 'task'; order: TaskOrder; context: ExecutorContext };
export type FromChild = { kind: 'ready' } | FromExecutor;

/**
 * A forked child of the process strategy: it runs the tasks it is sent, one at a time, and
 * exits when the engine disconnects (or dies: IPC closes, so no orphan is left behind).
 */
function send(message: FromChild): void {
  process.send?.(message);
}

/**
 * A child computing in a loop never sees its IPC channel close: if the engine's process dies
 * without stopping it (SIGKILL, the OOM killer), the child finds out between chunks of work
 * that it was re-parented, and exits instead of running on as an orphan.
 */
const parentPid = process.ppid;
function exitIfOrphaned(): void {
  if (process.ppid !== parentPid) process.exit(1);
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (message: ToChild) => {
  queue = queue.then(async () => {
    const outcome = await runInExecutor(message.order, message.context, 'blocking', (event) => send({ kind: 'event', event }), exitIfOrphaned);
    send({ kind: 'outcome', outcome });
  });
});
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready' });
