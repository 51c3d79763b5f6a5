import { assertNever } from '../assert-never.js';
import { EmulatorInvariantError } from '../errors.js';
import type { Policy } from './params.js';
import type { SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

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
  /** Visits the waiting threads in their order (steady-state.ts); a thread's turn is visited with the thread. */
  visitSteadyState(s: StateVisitor): void;
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

/**
 * Threads in the order they became ready: a ring buffer (a power of two long) that grows by
 * doubling. Threads join and leave it several times a switch interval, and an array with a moving
 * head had to be copied down now and then and regrown after each copy.
 */
class ReadyOrder {
  private items = new Array<SimThread | undefined>(16).fill(undefined);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(thread: SimThread): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count++) & (this.items.length - 1)] = thread;
  }

  take(): SimThread {
    return this.removeAt(0);
  }

  visitSteadyState(s: StateVisitor): void {
    s.same(this.count);
    for (let i = 0; i < this.count; i++) s.same(this.at(i));
  }

  /** The thread `offset` places behind the head (0: the head). */
  protected at(offset: number): SimThread {
    return this.items[(this.head + offset) & (this.items.length - 1)]!;
  }

  /** Removes the thread `offset` places behind the head; the others keep their order. */
  protected removeAt(offset: number): SimThread {
    const items = this.items;
    const mask = items.length - 1;
    const thread = items[(this.head + offset) & mask]!;
    // Those ahead of it move one place back, into its slot: the head's slot is freed.
    for (let i = offset; i > 0; i--) items[(this.head + i) & mask] = items[(this.head + i - 1) & mask];
    items[this.head] = undefined;
    this.head = (this.head + 1) & mask;
    this.count--;
    return thread;
  }

  private grow(): void {
    const grown = new Array<SimThread | undefined>(2 * this.items.length).fill(undefined);
    for (let i = 0; i < this.count; i++) grown[i] = this.at(i);
    this.items = grown;
    this.head = 0;
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
    let best = 0;
    let bestKey = this.remainingCpuUs(this.at(0));
    for (let i = 1; i < this.size; i++) {
      const key = this.remainingCpuUs(this.at(i));
      if (key < bestKey) {
        best = i;
        bestKey = key;
      }
    }
    return this.removeAt(best);
  }
}
