import type { Policy } from './params.js';
import type { SimThread } from './sim-types.js';

/**
 * The OS run queue: threads that are runnable but have no core. Round-robin and FIFO take the
 * thread that became ready first; SJF takes the one with the least CPU work left (non-preemptive,
 * as in OSTEP), ties going to the one that became ready first, so ties keep task order.
 */
export class RunQueue {
  private items: SimThread[] = [];
  private head = 0;

  constructor(
    private readonly policy: Policy,
    private readonly remainingCpuUs: (thread: SimThread) => number,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(thread: SimThread): void {
    this.items.push(thread);
  }

  /** Removes and returns the next thread to run; the queue must not be empty. */
  take(): SimThread {
    if (this.policy !== 'sjf') {
      const thread = this.items[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.items.length) this.compact();
      return thread;
    }
    let best = this.head;
    let bestKey = this.remainingCpuUs(this.items[best]!);
    for (let i = this.head + 1; i < this.items.length; i++) {
      const key = this.remainingCpuUs(this.items[i]!);
      if (key < bestKey) {
        best = i;
        bestKey = key;
      }
    }
    const [thread] = this.items.splice(best, 1);
    return thread!;
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }
}
