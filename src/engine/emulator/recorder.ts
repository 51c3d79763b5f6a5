import { isRepeat, partLength, type SpanPart } from '../column-repeats.js';
import { EmulatorInvariantError } from '../errors.js';
import { NO_CORE, spanColumns, STATE_INDEX, type SpanColumns, type SpanSegment } from '../span-columns.js';
import type { StateVisitor } from './steady-state.js';

/** A lane's first segment holds this many spans; each next one twice as many, up to the cap. */
const FIRST_SEGMENT = 16;
const SEGMENT_CAP = 65_536;
/** No span open on the lane. */
const NONE = -1;

function newSegment(lane: number, capacity: number): SpanSegment {
  return {
    lane,
    length: 0,
    state: new Uint8Array(capacity),
    startUs: new Float64Array(capacity),
    endUs: new Float64Array(capacity),
    core: new Int32Array(capacity),
  };
}

/**
 * The only writer of spans in the emulator. Callers report a lane's state whenever it may have
 * changed; the recorder drops zero-length spans and merges adjacent spans of the same state,
 * so a lane's spans never overlap and never repeat a state back to back.
 * Spans go into typed columns, a list of segments per lane that grow without copying (state
 * changes are the emulator's most frequent operation, and a run may have tens of millions).
 */
export class Recorder {
  /** Each lane's open state, as a position in SPAN_STATES (NONE: no span open). */
  private readonly openState: Int8Array;
  private readonly openStartUs: Float64Array;
  private readonly openCore: Int32Array;
  /** Each lane's segments and repeats; the last one is the segment being filled. */
  private readonly parts: SpanPart[][];
  private readonly filling: SpanSegment[];

  constructor(laneCount: number) {
    this.openState = new Int8Array(laneCount).fill(NONE);
    this.openStartUs = new Float64Array(laneCount);
    this.openCore = new Int32Array(laneCount);
    this.filling = Array.from({ length: laneCount }, (_, lane) => newSegment(lane, FIRST_SEGMENT));
    this.parts = this.filling.map((segment): SpanPart[] => [segment]);
  }

  /**
   * The lane is in `state` (a position in SPAN_STATES, as STATE_INDEX gives it: this runs at
   * every state change) from `nowUs` on (`core` for running and spawn).
   */
  set(lane: number, state: number, nowUs: number, core: number = NO_CORE): void {
    const current = this.openState[lane]!;
    if (current === state && this.openCore[lane] === core) return;
    // close() and open() written out: this is the emulator's most frequent call, and the first
    // run of a process (what a key press pays) runs it before it is compiled, call by call.
    const openStartUs = this.openStartUs[lane]!;
    if (current !== NONE && openStartUs !== nowUs) this.push(lane, current, openStartUs, nowUs, this.openCore[lane]!);
    // Coming back at this same instant to the state we just left: reopen it instead. The lane's
    // last span is in its filling segment: one is begun only to take a span (or after skipped
    // cycles, whose spans are never reopened: see repeat), and a reopened span (never
    // zero-length) is pushed again by the next close, before this check runs.
    let startUs = nowUs;
    const last = this.filling[lane]!;
    const at = last.length - 1;
    if (at >= 0 && last.endUs[at] === nowUs && last.state[at] === state && last.core[at] === core) {
      last.length = at;
      startUs = last.startUs[at]!;
    }
    this.openState[lane] = state;
    this.openStartUs[lane] = startUs;
    this.openCore[lane] = core;
  }

  /** The lane ends at `nowUs` with a zero-length terminal marker. */
  finish(lane: number, state: 'done' | 'failed', nowUs: number): void {
    if (this.openState[lane] !== NONE) this.close(lane, nowUs);
    this.openState[lane] = NONE;
    this.push(lane, STATE_INDEX[state], nowUs, nowUs, NO_CORE);
  }

  /** All spans, lane by lane, in time order. */
  columns(): SpanColumns {
    return spanColumns(this.parts.flat().filter((part) => partLength(part) > 0));
  }

  /** Spans the lane holds so far (where its record stands, for `repeat`). */
  spanCount(lane: number): number {
    let count = 0;
    for (const part of this.parts[lane]!) count += partLength(part);
    return count;
  }

  /**
   * Appends `cycles` copies of the lane's spans from position `from` up to `to` (the last ones),
   * each copy `periodUs` later than the one before: the spans of cycles a fast-forward skipped,
   * kept as that block and a count (column-repeats.ts). Later spans go into a segment after it.
   */
  repeat(lane: number, from: number, to: number, cycles: number, periodUs: number): void {
    const block = this.block(lane, from, to);
    if (block.length === 0) return;
    this.parts[lane]!.push({ lane, block, cycles, periodUs });
    // No later `set` reopens a copy's span, as it may the last one pushed: the copies end by the
    // end of the instant the skip moved the clock to, and the run goes on after it.
    this.grow(lane);
  }

  /** A copy of the lane's spans from position `from` up to `to`, which a skip never reaches into: the history of captures begins after it. */
  private block(lane: number, from: number, to: number): SpanSegment {
    const block = newSegment(lane, to - from);
    let offset = 0;
    for (const part of this.parts[lane]!) {
      const length = partLength(part);
      if (offset + length > from && offset < to) {
        if (isRepeat(part)) throw new EmulatorInvariantError(`lane ${lane}: a repeated block reaches into skipped cycles`);
        for (let i = Math.max(0, from - offset); i < part.length && offset + i < to; i++) {
          const at = block.length++;
          block.state[at] = part.state[i]!;
          block.startUs[at] = part.startUs[i]!;
          block.endUs[at] = part.endUs[i]!;
          block.core[at] = part.core[i]!;
        }
      }
      offset += length;
    }
    return block;
  }

  /** Begins the lane's next segment (its filling one is full, or skipped cycles follow it). */
  private grow(lane: number): SpanSegment {
    const segment = newSegment(lane, Math.min(SEGMENT_CAP, 2 * this.filling[lane]!.state.length));
    this.filling[lane] = segment;
    this.parts[lane]!.push(segment);
    return segment;
  }

  /** Visits each lane's open span (steady-state.ts); spans already closed are the record, not the state. */
  visitSteadyState(s: StateVisitor): void {
    for (let lane = 0; lane < this.openState.length; lane++) {
      s.same(this.openState[lane]);
      s.same(this.openCore[lane]);
      this.openStartUs[lane] = s.clock(this.openStartUs[lane]!);
    }
  }

  private close(lane: number, endUs: number): void {
    const startUs = this.openStartUs[lane]!;
    if (endUs === startUs) return; // zero-length: nothing happened in this state
    this.push(lane, this.openState[lane]!, startUs, endUs, this.openCore[lane]!);
  }

  private push(lane: number, state: number, startUs: number, endUs: number, core: number): void {
    let segment = this.filling[lane]!;
    if (segment.length === segment.state.length) segment = this.grow(lane);
    const at = segment.length++;
    segment.state[at] = state;
    segment.startUs[at] = startUs;
    segment.endUs[at] = endUs;
    segment.core[at] = core;
  }
}
