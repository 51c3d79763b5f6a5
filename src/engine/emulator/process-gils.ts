import type { GilHost } from './gil-model.js';
import type { SimThread } from './sim-types.js';
import { WaitQueue } from './wait-queue.js';

/** One process's GIL. */
export interface GilState {
  holder: SimThread | null;
  lastHolder: SimThread | null;
  /** Counts changes of holder: a waiter asks for a drop only if no switch happened while it waited. */
  switchNumber: number;
  dropRequest: boolean;
  /** Threads blocked in take_gil, in the order they began waiting. */
  waiters: WaitQueue;
  /**
   * New GIL: the dropper waiting on switch_cond until another thread took the GIL. One at most:
   * only the holder drops, and nobody holds the GIL from the drop until the take that wakes it.
   */
  switchWaiter: SimThread | null;
}

function newState(): GilState {
  return { holder: null, lastHolder: null, switchNumber: 0, dropRequest: false, waiters: new WaitQueue(), switchWaiter: null };
}

/** The longest waiter (cond_signal wakes it: pthreads leaves the order unspecified). */
export function longestWaiter(gil: GilState): SimThread | undefined {
  return gil.waiters.first();
}

/** What the new and the old GIL share: a lock per process, taken, unlocked and signalled. */
export abstract class ProcessGils {
  protected readonly states: GilState[];

  constructor(
    protected readonly host: GilHost,
    processCount: number,
  ) {
    this.states = Array.from({ length: processCount }, newState);
  }

  release(thread: SimThread): void {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread) this.unlock(gil);
  }

  /** Only the new GIL's waiter can win the GIL during such a call (new-gil.ts); here it is a release. */
  releaseAroundCall(thread: SimThread): void {
    this.release(thread);
  }

  /** The holder changes; a change between two different threads is a hand-off. */
  protected take(thread: SimThread, gil: GilState): void {
    gil.holder = thread;
    thread.gilPhase = 'none';
    if (gil.lastHolder !== thread) {
      if (gil.lastHolder !== null) this.host.recordHandoff(thread);
      gil.lastHolder = thread;
      gil.switchNumber++;
    }
  }

  /** Unlocks and signals the longest waiter, which must get a core before it can take the GIL. */
  protected unlock(gil: GilState): void {
    gil.holder = null;
    const waiter = longestWaiter(gil);
    if (!waiter) return;
    gil.waiters.delete(waiter);
    this.host.cancelTimer(waiter); // it was signalled: its timed wait is over
    waiter.gilPhase = 'woken';
    this.host.wake(waiter);
  }
}
