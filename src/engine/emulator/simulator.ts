import { EVENT_KINDS, EventQueue, type EventKind } from './event-queue.js';
import type { StateVisitor } from './steady-state.js';

/**
 * Handles one event: `target` is the thread, core or task it is about, `token` the value its
 * target's token had when it was scheduled (a handler ignores the event if they differ).
 */
export type EventHandler = (target: number, token: number) => void;

/** What to do for each kind of event: one entry per kind, checked by the type. */
export type HandlerTable = { readonly [Kind in EventKind]: EventHandler };

/**
 * Events an owner keeps out of the queue until they can matter (the kernel's slice ends that
 * nobody waits for). Each has a sequence number reserved when it would have been scheduled, so
 * when it is scheduled at last it takes the place in the event order it would have had.
 */
export interface DeferredEvents {
  /** No deferred event falls before this time (Infinity: none is pending). */
  readonly nextUs: number;
  /**
   * Nothing else happens before `untilUs` (the next scheduled event, or the end of `run`): the
   * owner brings its deferred events up to then and schedules those due at or before it.
   */
  catchUp(untilUs: number): void;
}

const NO_DEFERRED: DeferredEvents = { nextUs: Number.POSITIVE_INFINITY, catchUp: () => {} };

/**
 * A small discrete-event simulator after SimPy's `Environment`: a clock, an event queue in the
 * total order `(timeUs, kindRank, seq)` (see `KIND_RANK`) and a handler per event kind.
 * It knows nothing about cores, threads or GILs.
 *
 * After the last event of an instant it calls `onInstantEnd`, so decisions that must see
 * everything that happened at one microsecond (which threads get the free cores) are taken once.
 */
export class Simulator {
  /** The simulated clock, in µs: the time of the event being handled (or last handled). */
  nowUs = 0;
  /** Events handled so far. */
  handled = 0;
  /** Deferred events, brought up to date before the clock passes their `nextUs`. */
  deferred: DeferredEvents = NO_DEFERRED;
  private readonly queue = new EventQueue();
  /** The handler table as an array in `EVENT_KINDS` order: one indexed load per event. */
  private readonly handlers: readonly EventHandler[];

  constructor(
    handlers: HandlerTable,
    private readonly onInstantEnd: () => void,
  ) {
    this.handlers = EVENT_KINDS.map((kind) => handlers[kind]);
  }

  /** Schedules an event of `kind` about `target` at `timeUs` (never in the past). */
  schedule(timeUs: number, kind: EventKind, target: number, token = 0): void {
    this.queue.push(timeUs, kind, target, token);
  }

  /** The sequence number an event scheduled now would get, for an event deferred instead. */
  reserveSeq(): number {
    return this.queue.reserveSeq();
  }

  /** The sequence number an event scheduled now would get (relations to it are what a steady state keeps). */
  get nextSeq(): number {
    return this.queue.seqAhead;
  }

  /** Whether everything of the current instant has happened: the next event, deferred or not, is later. */
  instantOver(): boolean {
    return this.queue.peekTimeUs() > this.nowUs && this.deferred.nextUs > this.nowUs;
  }

  /** Visits the clock and the event queue (steady-state.ts); `tokenOf` gives an event target's current token. */
  visitSteadyState(s: StateVisitor, tokenOf: (kindIndex: number, target: number) => number): void {
    this.nowUs = s.clock(this.nowUs);
    this.queue.visitSteadyState(s, tokenOf);
  }

  /** Schedules a deferred event with the sequence number reserved for it. */
  scheduleReserved(timeUs: number, kind: EventKind, target: number, token: number, seq: number): void {
    this.queue.push(timeUs, kind, target, token, seq);
  }

  /** Time of the next event, or Infinity when none is left. */
  peek(): number {
    return this.nextTimeUs(Number.POSITIVE_INFINITY);
  }

  /** Handles the next event; false when there was none. */
  step(): boolean {
    if (this.nextTimeUs(Number.POSITIVE_INFINITY) === Number.POSITIVE_INFINITY) return false;
    const event = this.queue.pop()!;
    this.nowUs = event.timeUs;
    this.handled++;
    // The event object is reused by the next pop: read its fields before the handler schedules.
    this.handlers[event.kindIndex]!(event.target, event.token);
    if (this.queue.peekTimeUs() !== this.nowUs) this.onInstantEnd();
    return true;
  }

  /** Handles every event up to and including `untilUs` (all of them by default). */
  run(untilUs = Number.POSITIVE_INFINITY): void {
    // `step` spelled out: this loop runs millions of times and the call would not be inlined.
    const queue = this.queue;
    const handlers = this.handlers;
    const deferred = this.deferred;
    for (;;) {
      let nextUs = queue.peekTimeUs();
      if (deferred.nextUs <= nextUs && deferred.nextUs <= untilUs) {
        if (deferred.nextUs === Number.POSITIVE_INFINITY) return; // no event and none deferred
        deferred.catchUp(Math.min(nextUs, untilUs));
        nextUs = queue.peekTimeUs();
      }
      if (nextUs > untilUs || queue.size === 0) return;
      const event = queue.pop()!;
      this.nowUs = nextUs;
      this.handled++;
      handlers[event.kindIndex]!(event.target, event.token);
      if (queue.peekTimeUs() !== nextUs) this.onInstantEnd();
    }
  }

  /** The time of the next event up to `untilUs`, after the deferred events due by then are scheduled. */
  private nextTimeUs(untilUs: number): number {
    const nextUs = this.queue.peekTimeUs();
    const deferredUs = this.deferred.nextUs;
    if (deferredUs <= nextUs && deferredUs <= untilUs && deferredUs < Number.POSITIVE_INFINITY) this.deferred.catchUp(Math.min(nextUs, untilUs));
    return this.queue.peekTimeUs();
  }
}
