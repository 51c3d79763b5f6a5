import { epochUs, sinceUs } from './clock.js';
import { currentThreadId } from './procfs.js';
import { runTask, type RunMode } from './task-runner.js';
import type { ExecutorContext, TaskEvent, TaskOrder, TaskOutcome } from './protocol.js';

/** When this worker or child finished loading: the end of its `spawn`. */
const loadedAtEpochUs = epochUs();
let tasksStarted = 0;

/**
 * The part shared by the worker and the child entries: say hello (OS thread, start-up time),
 * then run the task.
 */
export function runInExecutor(
  order: TaskOrder,
  context: ExecutorContext,
  mode: RunMode,
  emit: (event: TaskEvent) => void,
  betweenChunks?: () => void,
): Promise<TaskOutcome> {
  emit({
    type: 'hello',
    lane: order.lane,
    atUs: sinceUs(context.originUs),
    pid: process.pid,
    tid: currentThreadId(),
    executorReadyUs: loadedAtEpochUs - context.originUs,
    firstTask: tasksStarted++ === 0,
  });
  return runTask(order, context, mode, emit, betweenChunks);
}
