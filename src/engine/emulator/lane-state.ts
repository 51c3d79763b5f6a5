import { assertNever } from '../assert-never.js';
import type { Recorder } from './recorder.js';
import type { SimTask } from './sim-types.js';

/**
 * Reports what `task`'s lane shows from `nowUs` on, derived from the task and the thread that
 * executes it: the one place that maps the OS's thread states onto span states.
 */
export function recordLane(recorder: Recorder, task: SimTask, nowUs: number): void {
  if (task.finished || !task.arrived) return;
  if (task.awaiting) return recorder.set(task.id, 'io', nowUs);
  const thread = task.owner;
  if (!thread) return recorder.set(task.id, 'ready', nowUs);
  switch (thread.state) {
    case 'running':
      return recorder.set(task.id, thread.work?.kind === 'spawn' ? 'spawn' : 'running', nowUs, thread.core);
    // (the other states carry no core)
    case 'gil-wait':
      return recorder.set(task.id, 'gil-wait', nowUs);
    case 'io':
      return recorder.set(task.id, 'io', nowUs);
    case 'idle':
    case 'ready':
    case 'dispatching':
    case 'exited':
      return recorder.set(task.id, 'ready', nowUs);
    default:
      return assertNever(thread.state, 'thread state');
  }
}
