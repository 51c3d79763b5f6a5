import { assertNever } from '../assert-never.js';
import { EmulatorInvariantError } from '../errors.js';
import type { StateVisitor } from './steady-state.js';

/**
 * A binary min-heap of simulation events, ordered by (timeUs, kindRank, seq) after SimPy's
 * (time, priority, eid): a total order, so a run never depends on insertion accidents.
 */

/**
 * What can happen, in the order it is handled when several things happen in the same microsecond.
 * The order is part of the model (textbook round-robin numbers depend on it):
 * - finished I/O and new arrivals join the run queue *before* a thread whose time slice ends
 *   is put back at its tail, as OSTEP's round-robin examples assume;
 * - `start` (pools that spawn their workers up front) follows the arrivals of time 0;
 * - GIL timeouts come after the OS decisions of the same instant;
 * - a dispatch that completes (after the context-switch cost) comes last.
 * Events of equal rank keep the order in which they were scheduled.
 */
export const KIND_RANK = {
  'io-done': 0,
  'await-done': 0,
  arrival: 1,
  start: 1,
  'slice-end': 2,
  'gil-timeout': 3,
  'dispatch-done': 4,
} as const;

export type EventKind = keyof typeof KIND_RANK;

/** Every event kind; `SimEvent.kindIndex` is a position in this list. */
export const EVENT_KINDS = Object.keys(KIND_RANK) as readonly EventKind[];

/**
 * A kind's position in EVENT_KINDS. A switch, not a lookup in an object: the kind reaches the
 * heap as a variable, and an object keyed by a variable string was the costliest line of a long
 * run (a megamorphic keyed load per event); these comparisons are of internalized strings.
 */
function kindIndexOf(kind: EventKind): number {
  switch (kind) {
    case 'io-done':
      return 0;
    case 'await-done':
      return 1;
    case 'arrival':
      return 2;
    case 'start':
      return 3;
    case 'slice-end':
      return 4;
    case 'gil-timeout':
      return 5;
    case 'dispatch-done':
      return 6;
    default:
      return assertNever(kind, 'event kind');
  }
}
for (const [i, kind] of EVENT_KINDS.entries()) {
  if (kindIndexOf(kind) !== i) throw new EmulatorInvariantError(`event kind ${kind} is not at ${kindIndexOf(kind)} in EVENT_KINDS`);
}
/** rank × 2^32, so that rank and insertion sequence fold into one ordering number. */
const RANK_BASE = EVENT_KINDS.map((kind) => KIND_RANK[kind] * 2 ** 32);

/** The event just popped: fields of a reused object, valid until the next `pop`. */
export interface SimEvent {
  timeUs: number;
  kind: EventKind;
  /** The kind's position in `EVENT_KINDS` (a handler table can be an array). */
  kindIndex: number;
  /** The thread, core or task the event is about. */
  target: number;
  /** Stale-event guard: an event whose token no longer matches its target's is ignored. */
  token: number;
}

/**
 * The heap lives in parallel typed arrays rather than one object per event: re-simulating on
 * every key press makes hundreds of thousands of events, and allocating them cost a third of
 * the time in garbage collection.
 */
export class EventQueue {
  private times = new Float64Array(256);
  /** rank × 2^32 + insertion sequence: one number orders ties (exact below 2^53). */
  private order = new Float64Array(256);
  private kinds = new Uint8Array(256);
  private targets = new Int32Array(256);
  private tokens = new Int32Array(256);
  private length = 0;
  private nextSeq = 0;
  private readonly current: SimEvent = { timeUs: 0, kind: 'start', kindIndex: 0, target: 0, token: 0 };

  get size(): number {
    return this.length;
  }

  /** Time of the next event, or Infinity when none is left. */
  peekTimeUs(): number {
    return this.length > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /**
   * Takes the next insertion sequence number without pushing: an event kept out of the queue
   * for now (a slice end nobody waits for) keeps the place in the order it would have had.
   */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /**
   * Visits the queued events (steady-state.ts): times move with the clock; a sequence number
   * matters only against the next one to be given, a token only against its target's (`tokenOf`).
   */
  visitSteadyState(s: StateVisitor, tokenOf: (kindIndex: number, target: number) => number): void {
    s.same(this.length);
    for (let i = 0; i < this.length; i++) {
      this.times[i] = s.ahead(this.times[i]!);
      const order = this.order[i]!;
      const rankBase = Math.floor(order / 2 ** 32) * 2 ** 32;
      s.same(rankBase);
      s.same(order - rankBase - this.nextSeq);
      s.same(this.kinds[i]);
      s.same(this.targets[i]);
      s.same(this.tokens[i]! - tokenOf(this.kinds[i]!, this.targets[i]!));
    }
  }

  /** The sequence number the next event will get. */
  get seqAhead(): number {
    return this.nextSeq;
  }

  /** Adds an event; `seq` is a reserved sequence number, or a new one by default. */
  push(timeUs: number, kind: EventKind, target: number, token = 0, seq = this.nextSeq++): void {
    if (this.length === this.times.length) this.grow();
    const kindIndex = kindIndexOf(kind);
    const order = RANK_BASE[kindIndex]! + seq;
    const times = this.times;
    const orders = this.order;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (timeUs > parentTime || (timeUs === parentTime && order > orders[parent]!)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, timeUs, order, kindIndex, target, token);
  }

  /** Removes the next event; the returned object is reused by the next call. */
  pop(): SimEvent | undefined {
    if (this.length === 0) return undefined;
    const event = this.current;
    event.timeUs = this.times[0]!;
    event.kindIndex = this.kinds[0]!;
    event.kind = EVENT_KINDS[event.kindIndex]!;
    event.target = this.targets[0]!;
    event.token = this.tokens[0]!;
    const last = --this.length;
    if (last > 0) this.siftDown(last);
    return event;
  }

  /** Moves the last entry into the hole at the root and sifts it down. */
  private siftDown(last: number): void {
    const times = this.times;
    const orders = this.order;
    const time = times[last]!;
    const order = orders[last]!;
    const kind = this.kinds[last]!;
    const target = this.targets[last]!;
    const token = this.tokens[last]!;
    const n = this.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right]! < times[child]! || (times[right] === times[child] && orders[right]! < orders[child]!))) {
        child = right;
      }
      const childTime = times[child]!;
      if (childTime > time || (childTime === time && orders[child]! > order)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, time, order, kind, target, token);
  }

  private move(from: number, to: number): void {
    this.set(to, this.times[from]!, this.order[from]!, this.kinds[from]!, this.targets[from]!, this.tokens[from]!);
  }

  private set(i: number, time: number, order: number, kind: number, target: number, token: number): void {
    this.times[i] = time;
    this.order[i] = order;
    this.kinds[i] = kind;
    this.targets[i] = target;
    this.tokens[i] = token;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const grown = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: new (n: number) => T): T => {
      const next = new make(size);
      next.set(old);
      return next;
    };
    this.times = grown(this.times, Float64Array);
    this.order = grown(this.order, Float64Array);
    this.kinds = grown(this.kinds, Uint8Array);
    this.targets = grown(this.targets, Int32Array);
    this.tokens = grown(this.tokens, Int32Array);
  }
}
