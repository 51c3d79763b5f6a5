import { EVENT_KINDS, EventQueue, type EventKind } from './event-queue.js';

/**
 * Handles one event: `target` is the thread, core or task it is about, `token` the value its
 * target's token had when it was scheduled (a handler ignores the event if they differ).
 */
export type EventHandler = (target: number, token: number) => void;

/** What to do for each kind of event: one entry per kind, checked by the type. */
export type HandlerTable = { readonly [Kind in EventKind]: EventHandler };

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

  /** Time of the next event, or Infinity when none is left. */
  peek(): number {
    return this.queue.peekTimeUs();
  }

  /** Handles the next event; false when there was none. */
  step(): boolean {
    const event = this.queue.pop();
    if (!event) return false;
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
    while (queue.size > 0 && queue.peekTimeUs() <= untilUs) {
      const event = queue.pop()!;
      const nowUs = (this.nowUs = event.timeUs);
      this.handled++;
      handlers[event.kindIndex]!(event.target, event.token);
      if (queue.peekTimeUs() !== nowUs) this.onInstantEnd();
    }
  }
}
