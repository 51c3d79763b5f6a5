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

export interface SimEvent {
  timeUs: number;
  kind: EventKind;
  /** Insertion order, the final tie-breaker. */
  seq: number;
  /** The thread, core or task the event is about. */
  target: number;
  /** Stale-event guard: an event whose token no longer matches its target's is ignored. */
  token: number;
}

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(timeUs: number, kind: EventKind, target: number, token = 0): void {
    const event: SimEvent = { timeUs, kind, seq: this.nextSeq++, target, token };
    const heap = this.heap;
    let i = heap.push(event) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(event, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = event;
  }

  pop(): SimEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  if (a.timeUs !== b.timeUs) return a.timeUs < b.timeUs;
  const rankA = KIND_RANK[a.kind];
  const rankB = KIND_RANK[b.kind];
  if (rankA !== rankB) return rankA < rankB;
  return a.seq < b.seq;
}
