import { assertNever } from '../assert-never.js';
import type { Instant } from '../trace.js';
import type { Recorder } from './recorder.js';
import type { SimTask, SimThread } from './sim-types.js';

/**
 * What a run shows besides its clock: each lane's state (through the span recorder), the GIL
 * hand-offs and the context switches. The one place that maps the OS's thread states onto span states.
 */
export class RunLog {
  /** Cores handed to a thread. */
  contextSwitches = 0;
  /** Changes of GIL holder between two different threads. */
  gilHandoffs = 0;
  readonly instants: Instant[] = [];

  constructor(private readonly recorder: Recorder) {}

  /** Records what `task`'s lane shows from `nowUs` on, from the task and the thread executing it. */
  lane(task: SimTask, nowUs: number): void {
    if (task.finished || !task.arrived) return;
    const recorder = this.recorder;
    if (task.awaiting) return recorder.set(task.id, 'io', nowUs);
    const thread = task.owner;
    if (!thread) return recorder.set(task.id, 'ready', nowUs);
    switch (thread.state) {
      case 'running':
        // A call that returns at once (a send) keeps its core but is I/O: drawn as a wait.
        if (thread.work?.kind === 'io') return recorder.set(task.id, 'io', nowUs);
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

  /** Records the lane of the thread's task, if it has one. */
  thread(thread: SimThread, nowUs: number): void {
    if (thread.task) this.lane(thread.task, nowUs);
  }

  /** `task` finished at `nowUs`. */
  finish(task: SimTask, nowUs: number): void {
    task.finished = true;
    this.recorder.finish(task.id, 'done', nowUs);
  }

  /** The GIL passed to `to` at `nowUs`. */
  handoff(to: SimThread, nowUs: number): void {
    this.gilHandoffs++;
    this.instants.push({ kind: 'gil-handoff', atUs: nowUs, lane: to.task ? to.task.id : -1 });
  }
}
