import type { GilModel, Kernel } from './kernel.js';
import { geometric } from './prng.js';
import type { SimThread } from './sim-types.js';

/**
 * GIL models. Each process has its own GIL; a thread needs its process's GIL to run bytecode.
 *
 * Simplifications, and why:
 * - A thread that wakes from a GIL wait must be scheduled on a core before it can act (request a
 *   drop, take the GIL). We keep that, because it is what makes hand-offs wait for the OS time
 *   slice on one core. Its few instructions cost no CPU time; the context-switch cost stands in.
 * - The holder notices a drop request "at its next check" at once (CPython checks every few
 *   bytecodes, microseconds apart).
 * - Releasing the GIL for I/O never waits on FORCE_SWITCHING's switch_cond (CPython may, when a
 *   drop request happens to be pending); the next taker resets the request instead.
 * - cond_signal wakes the longest waiter (pthreads leaves the order unspecified).
 */

/** Free-threaded builds, Jython, IronPython: nothing to wait for. */
export class NoGil implements GilModel {
  ensureHeld(): boolean {
    return true;
  }
  release(): void {}
  runLimitUs(): number {
    return Number.POSITIVE_INFINITY;
  }
  onRunLimit(): boolean {
    return false;
  }
  onPreempt(): void {}
  onTimeout(): void {}
}

interface GilState {
  holder: SimThread | null;
  lastHolder: SimThread | null;
  /** Counts changes of holder: a waiter asks for a drop only if no switch happened while it waited. */
  switchNumber: number;
  dropRequest: boolean;
  /** Threads blocked in take_gil, in the order they began waiting (a Set: O(1) removal). */
  waiters: Set<SimThread>;
  /** New GIL: droppers waiting on switch_cond until another thread took the GIL. */
  switchWaiters: SimThread[];
}

function newState(): GilState {
  return { holder: null, lastHolder: null, switchNumber: 0, dropRequest: false, waiters: new Set(), switchWaiters: [] };
}

function first(waiters: Set<SimThread>): SimThread | undefined {
  for (const thread of waiters) return thread;
  return undefined;
}

abstract class ProcessGils {
  protected readonly states: GilState[];

  constructor(protected readonly kernel: Kernel, processCount: number) {
    this.states = Array.from({ length: processCount }, newState);
  }

  /** The holder changes; a change between two different threads is a hand-off. */
  protected take(thread: SimThread, gil: GilState): void {
    gil.holder = thread;
    thread.gilPhase = 'none';
    if (gil.lastHolder !== thread) {
      if (gil.lastHolder !== null) this.kernel.recordHandoff(thread);
      gil.lastHolder = thread;
      gil.switchNumber++;
    }
  }

  /** Unlocks and signals the longest waiter, which must get a core before it can take the GIL. */
  protected unlock(gil: GilState): void {
    gil.holder = null;
    const waiter = first(gil.waiters);
    if (!waiter) return;
    gil.waiters.delete(waiter);
    waiter.token++; // cancels its timed wait
    waiter.gilPhase = 'woken';
    this.kernel.wake(waiter);
  }

  release(thread: SimThread): void {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread) this.unlock(gil);
  }
}

/**
 * CPython ≥ 3.2 (Python/ceval_gil.c): a waiter sleeps one switch interval; if the GIL did not
 * change hands meanwhile it sets a drop request; the holder drops at its next check and, with
 * FORCE_SWITCHING, waits until another thread has taken it. Blocking I/O releases it.
 */
export class NewGil extends ProcessGils implements GilModel {
  constructor(kernel: Kernel, processCount: number, private readonly intervalUs: number) {
    super(kernel, processCount);
  }

  ensureHeld(thread: SimThread): boolean {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread) {
      if (!gil.dropRequest) return true;
      this.dropForced(thread, gil);
      return false;
    }
    const timedOut = thread.gilPhase === 'woken-timeout';
    if (gil.holder === null) {
      this.take(thread, gil);
      gil.dropRequest = false;
      for (const dropper of gil.switchWaiters) {
        dropper.gilPhase = 'woken';
        this.kernel.wake(dropper);
      }
      gil.switchWaiters.length = 0;
      return true;
    }
    const noSwitchMeanwhile = timedOut && gil.switchNumber === thread.savedSwitch;
    this.startTimedWait(thread, gil);
    if (noSwitchMeanwhile) this.requestDrop(gil);
    return false;
  }

  runLimitUs(): number {
    return Number.POSITIVE_INFINITY;
  }

  onRunLimit(): boolean {
    return false;
  }

  onPreempt(): void {}

  onTimeout(thread: SimThread): void {
    if (thread.gilPhase !== 'timed-wait') return;
    this.states[thread.process]!.waiters.delete(thread);
    thread.gilPhase = 'woken-timeout';
    this.kernel.wake(thread);
  }

  private startTimedWait(thread: SimThread, gil: GilState): void {
    thread.savedSwitch = gil.switchNumber;
    thread.gilPhase = 'timed-wait';
    gil.waiters.add(thread);
    thread.token++;
    this.kernel.events.push(this.kernel.nowUs + this.intervalUs, 'gil-timeout', thread.id, thread.token);
    this.kernel.park(thread, 'gil-wait');
  }

  /** SET_GIL_DROP_REQUEST: a running holder reacts now; a preempted one when it next runs. */
  private requestDrop(gil: GilState): void {
    gil.dropRequest = true;
    const holder = gil.holder;
    if (holder && holder.state === 'running') {
      this.kernel.interrupt(holder);
      this.dropForced(holder, gil);
    }
  }

  /** drop_gil with a pending request: unlock, reset the request, wait on switch_cond. */
  private dropForced(holder: SimThread, gil: GilState): void {
    this.unlock(gil);
    gil.dropRequest = false;
    holder.gilPhase = 'switch-wait';
    gil.switchWaiters.push(holder);
    this.kernel.park(holder, 'gil-wait');
  }
}

/**
 * CPython ≤ 3.1: the holder releases and re-acquires the GIL every `checkInterval` ticks,
 * signalling a waiter each time. Simplifications, and why:
 * - With a free core, the woken waiter races the holder, which re-acquires within nanoseconds and
 *   so usually wins. We draw, per OS time slice, the number of checks until the waiter wins
 *   (geometric, seeded), instead of one event per check (every ~5 µs), so a run stays cheap.
 * - With no free core, the woken waiter can only win when the OS switches to it: at the end of the
 *   holder's time slice (CPython 2 on one core switched at checks after a preemption).
 * - The cost of the failed wake-ups (Beazley's 2-core slowdown) is not modelled.
 */
export class OldGil extends ProcessGils implements GilModel {
  private readonly checkPeriodUs: number;

  constructor(
    kernel: Kernel,
    processCount: number,
    checkInterval: number,
    private readonly random: () => number,
  ) {
    super(kernel, processCount);
    this.checkPeriodUs = oldGilCheckPeriodUs(checkInterval);
  }

  ensureHeld(thread: SimThread): boolean {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread) return true;
    if (gil.holder === null) {
      this.take(thread, gil);
      return true;
    }
    thread.gilPhase = 'lock-wait';
    gil.waiters.add(thread);
    this.kernel.park(thread, 'gil-wait');
    // The holder's current slice was planned without a rival: plan it again as a race.
    const holder = gil.holder;
    if (holder.state === 'running' && holder.gilDeadlineUs === Number.POSITIVE_INFINITY) this.kernel.reslice(holder);
    return false;
  }

  runLimitUs(thread: SimThread): number {
    const gil = this.states[thread.process]!;
    thread.gilDeadlineUs = Number.POSITIVE_INFINITY;
    if (gil.holder !== thread || gil.waiters.size === 0 || this.kernel.idleCores === 0) return thread.gilDeadlineUs;
    const raceUs = geometric(this.random, OLD_GIL_RACE_WIN) * this.checkPeriodUs;
    thread.gilDeadlineUs = this.kernel.nowUs + raceUs;
    return raceUs;
  }

  onRunLimit(thread: SimThread): boolean {
    if (thread.gilDeadlineUs !== this.kernel.nowUs) return false;
    this.passTo(thread);
    return true;
  }

  onPreempt(thread: SimThread): void {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread && gil.waiters.size > 0 && this.kernel.idleCores === 0) this.passTo(thread, false);
  }

  onTimeout(): void {}

  /** The longest waiter wins the GIL at a check; the loser blocks (if `park`) or is preempted by the OS. */
  private passTo(holder: SimThread, park = true): void {
    const gil = this.states[holder.process]!;
    const winner = first(gil.waiters)!;
    gil.waiters.delete(winner);
    holder.gilDeadlineUs = Number.POSITIVE_INFINITY;
    this.take(winner, gil);
    this.kernel.wake(winner);
    if (!park) return;
    holder.gilPhase = 'lock-wait';
    gil.waiters.add(holder);
    this.kernel.park(holder, 'gil-wait');
  }
}

/** Time of one bytecode "tick" in CPython 2 on the count loop (130 ns an iteration, ~5 bytecodes). */
export const OLD_GIL_TICK_NS = 50;
/** CPython 2's time between two checks, the old GIL's release-and-reacquire (sys.setcheckinterval). */
export function oldGilCheckPeriodUs(checkInterval: number): number {
  return Math.max(1, Math.round((checkInterval * OLD_GIL_TICK_NS) / 1_000));
}

/** Chance that a woken waiter on another core beats the holder's re-acquire at one check. */
export const OLD_GIL_RACE_WIN = 1 / 200;
