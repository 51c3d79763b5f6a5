import type { SimThread } from './sim-types.js';

/**
 * The threads blocked on one GIL, in the order they began waiting, with a Set's semantics (adding
 * a member keeps its place, removing a stranger does nothing) but no hash table: a list linked
 * through the threads' own `waitPrev`/`waitNext`. A hand-off adds and removes a waiter every
 * switch interval, and a Set's table filled with deleted entries and was rebuilt every few of
 * them (most of the garbage of a long run). A thread waits on one GIL at a time, its process's.
 */
export class WaitQueue {
  /** Waiting threads. */
  size = 0;
  private head: SimThread | null = null;
  private tail: SimThread | null = null;

  /** The longest waiter (undefined: none). */
  first(): SimThread | undefined {
    return this.head ?? undefined;
  }

  /** `thread` begins waiting, at the tail (unless it waits already). */
  add(thread: SimThread): void {
    if (thread.waitQueued) return;
    thread.waitQueued = true;
    thread.waitPrev = this.tail;
    thread.waitNext = null;
    if (this.tail) this.tail.waitNext = thread;
    else this.head = thread;
    this.tail = thread;
    this.size++;
  }

  /** `thread` stops waiting (nothing happens if it was not). */
  delete(thread: SimThread): void {
    if (!thread.waitQueued) return;
    thread.waitQueued = false;
    const { waitPrev: prev, waitNext: next } = thread;
    if (prev) prev.waitNext = next;
    else this.head = next;
    if (next) next.waitPrev = prev;
    else this.tail = prev;
    thread.waitPrev = null;
    thread.waitNext = null;
    this.size--;
  }

  /** The waiters, longest first. */
  *[Symbol.iterator](): IterableIterator<SimThread> {
    for (let thread = this.head; thread; thread = thread.waitNext) yield thread;
  }
}
