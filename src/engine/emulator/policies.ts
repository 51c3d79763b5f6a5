import { assertNever } from '../assert-never.js';
import { EmulatorInvariantError } from '../errors.js';
import type { Policy } from './params.js';
import type { SimThread } from './sim-types.js';

/**
 * An OS scheduling policy: it orders the runnable threads that have no core *and* decides when a
 * running thread is preempted. The kernel asks it both questions and knows no policy by name.
 */
export interface SchedulingPolicy {
  /** Runnable threads waiting for a core. */
  readonly size: number;
  /** `thread` became runnable and has no core. */
  push(thread: SimThread): void;
  /** Removes and returns the thread to run next; the queue must not be empty. */
  take(): SimThread;
  /** `thread` starts a turn on a core at `nowUs` (dispatched, or kept on at a preemption point with no rival). */
  startTurn(thread: SimThread, nowUs: number): void;
  /** Until when `thread` may run before the policy wants to preempt it (Infinity: never). */
  turnEndUs(thread: SimThread): number;
  /** At the end of a slice at `nowUs`: whether `thread`'s turn is over, so a waiting thread may take the core. */
  turnOver(thread: SimThread, nowUs: number): boolean;
  /**
   * `thread` kept its core at every end of its turns before `beforeUs` (nobody took it; the first
   * is its `turnEndUs`, which is before `beforeUs`): starts its turn from the last of them, as each
   * would have, and returns that time. Only called when turns end (turnEndUs finite).
   */
  skipTurns(thread: SimThread, beforeUs: number): number;
}

/** CPU work left for a thread's task: the SJF key. */
export type RemainingCpu = (thread: SimThread) => number;

/** The policy named by the parameters. */
export function createPolicy(policy: Policy, quantumUs: number, remainingCpuUs: RemainingCpu): SchedulingPolicy {
  switch (policy) {
    case 'rr':
      return new RoundRobin(quantumUs);
    case 'fifo':
      return new Fifo();
    case 'sjf':
      return new ShortestJobFirst(remainingCpuUs);
    default:
      return assertNever(policy, 'scheduling policy');
  }
}

/** Threads in the order they became ready: an array with a moving head, compacted now and then. */
class ReadyOrder {
  protected items: SimThread[] = [];
  protected head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(thread: SimThread): void {
    this.items.push(thread);
  }

  take(): SimThread {
    const thread = this.items[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return thread;
  }
}

/** FIFO, run to completion or block (OSTEP's FIFO): never preempts. */
class Fifo extends ReadyOrder implements SchedulingPolicy {
  startTurn(): void {}
  turnEndUs(): number {
    return Number.POSITIVE_INFINITY;
  }
  turnOver(): boolean {
    return false;
  }
  skipTurns(thread: SimThread): number {
    throw new EmulatorInvariantError(`no turn of ${thread.name} ends under a policy that never preempts`);
  }
}

/** Round-robin: FIFO order, and a thread that used up its time slice goes to the tail. */
class RoundRobin extends ReadyOrder implements SchedulingPolicy {
  constructor(private readonly quantumUs: number) {
    super();
  }

  startTurn(thread: SimThread, nowUs: number): void {
    thread.quantumEndUs = nowUs + this.quantumUs;
  }
  turnEndUs(thread: SimThread): number {
    return thread.quantumEndUs;
  }
  turnOver(thread: SimThread, nowUs: number): boolean {
    return nowUs >= thread.quantumEndUs;
  }
  skipTurns(thread: SimThread, beforeUs: number): number {
    // Turns end at quantumEndUs + k × quantumUs (integer µs): the last one before beforeUs.
    const lastUs = thread.quantumEndUs + (Math.ceil((beforeUs - thread.quantumEndUs) / this.quantumUs) - 1) * this.quantumUs;
    this.startTurn(thread, lastUs);
    return lastUs;
  }
}

/**
 * Shortest job first, non-preemptive (OSTEP): takes the thread with the least CPU work left,
 * ties going to the one that became ready first, so ties keep task order.
 */
class ShortestJobFirst extends Fifo {
  constructor(private readonly remainingCpuUs: RemainingCpu) {
    super();
  }

  override take(): SimThread {
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
}
