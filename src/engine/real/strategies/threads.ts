import { Worker } from 'node:worker_threads';
import { builtEntry } from '../entry-path.js';
import { SpawnFailedError, TaskCrashedError, abortReason } from '../run-errors.js';
import type { StrategyContext, StrategyRunner } from '../strategy-context.js';
import type { FromExecutor } from '../protocol.js';
import type { ThreadJob } from '../thread-entry.js';

/**
 * One worker thread per task, started when the task arrives (its start-up is the lane's
 * `spawn`), as Python's `threading.Thread` per task: the exact twin of the emulated `threads`.
 */
export const runThreads: StrategyRunner = async (context) => {
  await Promise.all(
    context.tasks.map(async (task, lane) => {
      await context.arrival(task);
      if (context.signal.aborted) return;
      context.report.submitted(lane);
      await runOnOwnThread(lane, context);
    }),
  );
};

/** Runs the lane's task on a new thread; resolves once that thread has exited. */
function runOnOwnThread(lane: number, context: StrategyContext): Promise<void> {
  const job: ThreadJob = { order: { lane, task: context.tasks[lane]! }, context: context.executor };
  let worker: Worker;
  try {
    worker = new Worker(builtEntry('thread-entry.js'), { workerData: job });
  } catch (error) {
    context.report.fail(lane, new SpawnFailedError(error instanceof Error ? error : new Error(String(error)), 'worker thread'));
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    let failure: Error | null = null;
    const stop = () => void worker.terminate();
    context.signal.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: FromExecutor) => context.report.message(message));
    // An uncaught error ends the thread; a thread that could not start reports why here.
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      context.signal.removeEventListener('abort', stop);
      // Messages the thread posted just before it ended may still be on their way: let them land.
      setImmediate(() => {
        if (!context.report.isFinished(lane)) {
          // A thread that dies holding the real GIL would leave every other thread waiting.
          context.lock?.releaseDeadHolder(lane + 1);
          context.report.fail(lane, context.signal.aborted ? abortReason(context.signal) : crashOf(failure, code));
        }
        resolve();
      });
    });
  });
}

/** Why a thread ended without an outcome, in the words a pool's worker crash uses. */
function crashOf(failure: Error | null, code: number) {
  const startFailed = (failure as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_INIT_FAILED';
  if (failure && startFailed) return new SpawnFailedError(failure, 'worker thread');
  return TaskCrashedError.ofWorker(failure ? failure.message : `worker exited with code: ${code}`);
}
