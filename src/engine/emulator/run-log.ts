import { assertNever } from '../assert-never.js';
import { STATE_INDEX, type InstantColumns } from '../span-columns.js';
import type { Recorder } from './recorder.js';
import type { SimTask, SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

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

  /** Where the record stands: the hand-offs drawn, then each lane's spans (`repeat` takes two of these). */
  marks(laneCount: number): number[] {
    const marks = [this.handoffs.count()];
    for (let lane = 0; lane < laneCount; lane++) marks.push(this.recorder.spanCount(lane));
    return marks;
  }

  /** Appends `cycles` copies of what was recorded between two marks, each `periodUs` later than the one before. */
  repeat(from: readonly number[], to: readonly number[], cycles: number, periodUs: number): void {
    this.handoffs.repeat(from[0]!, to[0]!, cycles, periodUs);
    for (let lane = 0; lane + 1 < to.length; lane++) this.recorder.repeat(lane, from[lane + 1]!, to[lane + 1]!, cycles, periodUs);
  }

  /** Visits the counters and the lanes' open spans (steady-state.ts). */
  visitSteadyState(s: StateVisitor): void {
    this.contextSwitches = s.count(this.contextSwitches);
    this.gilHandoffs = s.count(this.gilHandoffs);
    this.recorder.visitSteadyState(s);
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
    if (this.filling.length === this.filling.atUs.length) this.grow();
    const segment = this.filling;
    segment.atUs[segment.length] = atUs;
    segment.lane[segment.length++] = lane;
  }

  private grow(): void {
    const capacity = Math.min(SEGMENT_CAP, Math.max(16, 2 * this.filling.atUs.length));
    this.filling = { length: 0, atUs: new Float64Array(capacity), lane: new Int32Array(capacity) };
    this.segments.push(this.filling);
  }

  count(): number {
    return this.segments.reduce((sum, segment) => sum + segment.length, 0);
  }

  /** Appends `cycles` copies of the instants from position `from` up to `to` (the last ones), each `periodUs` later. */
  repeat(from: number, to: number, cycles: number, periodUs: number): void {
    const blockAtUs: number[] = [];
    const blockLane: number[] = [];
    let offset = 0;
    for (const segment of this.segments) {
      for (let i = Math.max(0, from - offset); i < segment.length && offset + i < to; i++) {
        blockAtUs.push(segment.atUs[i]!);
        blockLane.push(segment.lane[i]!);
      }
      offset += segment.length;
    }
    // One loop writes the columns (not a `push` per instant): see Recorder.repeat.
    const size = blockAtUs.length;
    let left = cycles * size;
    let cycle = 1;
    let i = 0;
    while (left > 0) {
      if (this.filling.length === this.filling.atUs.length) this.grow();
      const { atUs, lane } = this.filling;
      let at = this.filling.length;
      const end = Math.min(atUs.length, at + left);
      left -= end - at;
      for (; at < end; at++) {
        atUs[at] = blockAtUs[i]! + cycle * periodUs;
        lane[at] = blockLane[i]!;
        if (++i === size) {
          i = 0;
          cycle++;
        }
      }
      this.filling.length = end;
    }
  }

  columns(): InstantColumns {
    return { segments: this.segments, length: this.segments.reduce((sum, segment) => sum + segment.length, 0) };
  }
}
