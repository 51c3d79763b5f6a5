import type { SpanState } from '../trace.js';
import { coarsenOlderHalf, type Transition } from './coarsen.js';
import { GilTakes } from './gil-takes.js';
import type { RealRunError } from './run-errors.js';

/** Transitions kept per lane before the older half is bucketed (see coarsenOlderHalf). */
export const MAX_TRANSITIONS_PER_LANE = 20_000;

/** How a lane ended: when, in which terminal state, and why when it failed. */
export interface LaneEnd {
  atUs: number;
  state: 'done' | 'failed';
  error: RealRunError | null;
}

/** What one lane reported, as the log keeps it. */
export interface LaneLog {
  /** State changes in time order (reports arrive out of order; they are sorted on arrival). */
  readonly transitions: readonly Transition[];
  readonly end: LaneEnd | null;
  /** Latest "still computing" report (µs). */
  readonly lastProgressUs: number;
}

/**
 * A real run's lane states as executors report them: a pure record, no clock and no I/O.
 * Reports from different threads arrive out of order, so each lane keeps its transitions
 * sorted by time; anything reported after a lane ended is ignored. GIL takes are kept apart,
 * with their hand-off count (gil-takes.ts). What the kernel saw is the sampler's (procfs.ts).
 */
export class TransitionLog {
  readonly #lanes: { transitions: Transition[]; end: LaneEnd | null; lastProgressUs: number }[];
  readonly gilTakes = new GilTakes();

  constructor(laneCount: number) {
    this.#lanes = Array.from({ length: laneCount }, () => ({ transitions: [], end: null, lastProgressUs: 0 }));
  }

  get laneCount(): number {
    return this.#lanes.length;
  }

  /** The lane is in `state` from `atUs` on. */
  mark(lane: number, state: SpanState, atUs: number): void {
    const log = this.#lanes[lane]!;
    if (log.end && atUs >= log.end.atUs) return;
    const list = log.transitions;
    let at = list.length;
    while (at > 0 && list[at - 1]!.atUs > atUs) at--;
    list.splice(at, 0, { atUs, state });
    // An hour under a GIL is hundreds of thousands of hand-offs: old history is bucketed.
    coarsenOlderHalf(list, MAX_TRANSITIONS_PER_LANE);
  }

  /** The lane ended at `atUs` (never before its last transition); later reports are ignored. */
  finish(lane: number, state: 'done' | 'failed', atUs: number, error: RealRunError | null = null): void {
    const log = this.#lanes[lane]!;
    if (log.end) return;
    const lastUs = log.transitions.at(-1)?.atUs ?? atUs;
    log.end = { atUs: Math.max(atUs, lastUs), state, error };
  }

  isFinished(lane: number): boolean {
    return this.#lanes[lane]!.end !== null;
  }

  /** The lane's task took the GIL at `atUs`. */
  gil(lane: number, atUs: number): void {
    this.gilTakes.add(lane, atUs);
  }

  /** The lane's task reported that it is still computing at `atUs`. */
  progress(lane: number, atUs: number): void {
    const log = this.#lanes[lane]!;
    log.lastProgressUs = Math.max(log.lastProgressUs, atUs);
  }

  lane(lane: number): LaneLog {
    return this.#lanes[lane]!;
  }
}
