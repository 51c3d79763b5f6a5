import { assertNever } from '../assert-never.js';
import { STATE_INDEX, type InstantColumns } from '../span-columns.js';
import type { Recorder } from './recorder.js';
import type { SimTask, SimThread } from './sim-types.js';

const RUNNING = STATE_INDEX.running;
const READY = STATE_INDEX.ready;
const GIL_WAIT = STATE_INDEX['gil-wait'];
const IO = STATE_INDEX.io;
const SPAWN = STATE_INDEX.spawn;

/**
 * What a run shows besides its clock: each lane's state (through the span recorder), the GIL
 * hand-offs and the context switches. The one place that maps the OS's thread states onto span states.
 */
export class RunLog {
  /** Cores handed to a thread. */
  contextSwitches = 0;
  /** Changes of GIL holder between two different threads. */
  gilHandoffs = 0;
  private readonly handoffs = new InstantWriter();

  constructor(private readonly recorder: Recorder) {}

  /** Records what `task`'s lane shows from `nowUs` on, from the task and the thread executing it. */
  lane(task: SimTask, nowUs: number): void {
    if (task.finished || !task.arrived) return;
    const recorder = this.recorder;
    if (task.awaiting) return recorder.set(task.id, IO, nowUs);
    const thread = task.owner;
    if (!thread) return recorder.set(task.id, READY, nowUs);
    switch (thread.state) {
      case 'running':
        // A call that returns at once (a send) keeps its core but is I/O: drawn as a wait.
        if (thread.work?.kind === 'io') return recorder.set(task.id, IO, nowUs);
        return recorder.set(task.id, thread.work?.kind === 'spawn' ? SPAWN : RUNNING, nowUs, thread.core);
      // (the other states carry no core)
      case 'gil-wait':
        return recorder.set(task.id, GIL_WAIT, nowUs);
      case 'io':
        return recorder.set(task.id, IO, nowUs);
      case 'idle':
      case 'ready':
      case 'dispatching':
      case 'exited':
        return recorder.set(task.id, READY, nowUs);
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
    this.handoffs.push(nowUs, to.task ? to.task.id : -1);
  }

  /** The drawn hand-offs (the run's instants), in time order. */
  instants(): InstantColumns {
    return this.handoffs.columns();
  }
}

const SEGMENT_CAP = 65_536;

/** Instants in typed columns, in segments that grow without copying. */
class InstantWriter {
  private readonly segments: { length: number; atUs: Float64Array; lane: Int32Array }[] = [];
  private filling = { length: 0, atUs: new Float64Array(0), lane: new Int32Array(0) };

  push(atUs: number, lane: number): void {
    let segment = this.filling;
    if (segment.length === segment.atUs.length) {
      const capacity = Math.min(SEGMENT_CAP, Math.max(16, 2 * segment.atUs.length));
      segment = this.filling = { length: 0, atUs: new Float64Array(capacity), lane: new Int32Array(capacity) };
      this.segments.push(segment);
    }
    segment.atUs[segment.length] = atUs;
    segment.lane[segment.length++] = lane;
  }

  columns(): InstantColumns {
    return { segments: this.segments, length: this.segments.reduce((sum, segment) => sum + segment.length, 0) };
  }
}
