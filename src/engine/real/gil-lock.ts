/**
 * A GIL for real threads on a SharedArrayBuffer, following CPython's Python/ceval_gil.c:
 * - a waiter sleeps one switch interval; if the holder did not change meanwhile it sets the
 *   drop request (take_gil's timed wait);
 * - the holder checks the request between chunks of work, releases, and waits until another
 *   thread took the lock before competing again (FORCE_SWITCHING);
 * - blocking I/O releases the lock without that wait.
 * Holder ids are lane + 1, so 0 means free and the engine can release a dead holder by id.
 */
const HOLDER = 0;
const DROP_REQUEST = 1;
const SWITCHES = 2;
const LAST_HOLDER = 3;
const SLOTS = 4;

/** The shared memory of one lock; pass it to every worker of the run. */
export function createGilBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

export class GilLock {
  private readonly cells: Int32Array;
  private readonly intervalMs: number;

  constructor(buffer: SharedArrayBuffer, switchIntervalUs: number) {
    this.cells = new Int32Array(buffer);
    this.intervalMs = Math.max(switchIntervalUs / 1_000, 0.001);
  }

  /** Blocks until `id` holds the lock. */
  acquire(id: number): void {
    const cells = this.cells;
    for (;;) {
      if (Atomics.compareExchange(cells, HOLDER, 0, id) === 0) {
        Atomics.store(cells, DROP_REQUEST, 0);
        if (Atomics.exchange(cells, LAST_HOLDER, id) !== id) {
          Atomics.add(cells, SWITCHES, 1);
          Atomics.notify(cells, SWITCHES);
        }
        return;
      }
      const holder = Atomics.load(cells, HOLDER);
      if (holder === 0) continue;
      const switchesBefore = Atomics.load(cells, SWITCHES);
      const outcome = Atomics.wait(cells, HOLDER, holder, this.intervalMs);
      // Ask for the lock only if nobody else got it while we slept (ceval_gil.c's `switch_number` test).
      if (outcome === 'timed-out' && Atomics.load(cells, SWITCHES) === switchesBefore) {
        Atomics.store(cells, DROP_REQUEST, 1);
      }
    }
  }

  /** Whether a waiter asked the holder to drop the lock. Cheap: call it between chunks of work. */
  dropRequested(): boolean {
    return Atomics.load(this.cells, DROP_REQUEST) === 1;
  }

  /** Releases the lock (I/O, or the end of the task's work). */
  release(id: number): void {
    if (Atomics.compareExchange(this.cells, HOLDER, id, 0) === id) Atomics.notify(this.cells, HOLDER, 1);
  }

  /**
   * Hands the lock over after a drop request and waits until another thread took it
   * (at most one interval, in case the requester died), then competes for it again.
   */
  yieldTo(id: number): void {
    const switchesBefore = Atomics.load(this.cells, SWITCHES);
    this.release(id);
    Atomics.wait(this.cells, SWITCHES, switchesBefore, this.intervalMs);
    this.acquire(id);
  }

  /**
   * Frees the lock if `id` still holds it: the engine calls this when a worker died or was
   * aborted while holding it, so the other threads go on. Returns whether it was held.
   */
  releaseDeadHolder(id: number): boolean {
    if (Atomics.compareExchange(this.cells, HOLDER, id, 0) !== id) return false;
    Atomics.store(this.cells, DROP_REQUEST, 0);
    Atomics.notify(this.cells, HOLDER);
    return true;
  }

  /** The current holder's id, 0 when free. */
  holder(): number {
    return Atomics.load(this.cells, HOLDER);
  }
}
