import { assertNever } from '../assert-never.js';
import { isRepeat, partLength, type InstantPart } from '../column-repeats.js';
import { EmulatorInvariantError } from '../errors.js';
import { instantColumns, STATE_INDEX, type InstantColumns, type InstantSegment } from '../span-columns.js';
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

/** Instants in typed columns, in segments that grow without copying, and the cycles a fast-forward skipped. */
class InstantWriter {
  private readonly parts: InstantPart[] = [];
  /** The segment being filled (none yet, or after skipped cycles: one of no room, which a push replaces). */
  private filling: InstantSegment = noRoom();

  push(atUs: number, lane: number): void {
    if (this.filling.length === this.filling.atUs.length) this.grow();
    const segment = this.filling;
    segment.atUs[segment.length] = atUs;
    segment.lane[segment.length++] = lane;
  }

  private grow(): void {
    const capacity = Math.min(SEGMENT_CAP, Math.max(16, 2 * this.filling.atUs.length));
    this.filling = { length: 0, atUs: new Float64Array(capacity), lane: new Int32Array(capacity) };
    this.parts.push(this.filling);
  }

  count(): number {
    return this.parts.reduce((sum, part) => sum + partLength(part), 0);
  }

  /**
   * Appends `cycles` copies of the instants from position `from` up to `to` (the last ones), each
   * `periodUs` later, kept as that block and a count (column-repeats.ts).
   */
  repeat(from: number, to: number, cycles: number, periodUs: number): void {
    const block: InstantSegment = { length: 0, atUs: new Float64Array(to - from), lane: new Int32Array(to - from) };
    let offset = 0;
    for (const part of this.parts) {
      const length = partLength(part);
      if (offset + length > from && offset < to) {
        // The history of captures begins after a skip: a block never reaches into one.
        if (isRepeat(part)) throw new EmulatorInvariantError('a repeated block of hand-offs reaches into skipped cycles');
        for (let i = Math.max(0, from - offset); i < part.length && offset + i < to; i++) {
          block.atUs[block.length] = part.atUs[i]!;
          block.lane[block.length++] = part.lane[i]!;
        }
      }
      offset += length;
    }
    if (block.length === 0) return;
    this.parts.push({ block, cycles, periodUs });
    this.filling = noRoom();
  }

  columns(): InstantColumns {
    return instantColumns(this.parts.filter((part) => partLength(part) > 0));
  }
}

function noRoom(): InstantSegment {
  return { length: 0, atUs: new Float64Array(0), lane: new Int32Array(0) };
}
