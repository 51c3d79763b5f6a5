import { EmulatorInvariantError } from '../errors.js';
import type { GilHost, GilModel } from './gil-model.js';
import { longestWaiter, ProcessGils, type GilState } from './process-gils.js';
import type { SimThread } from './sim-types.js';

/**
 * CPython ≥ 3.2 (Python/ceval_gil.c): a waiter sleeps one switch interval; if the GIL did not
 * change hands meanwhile it sets a drop request; the holder drops at its next check and, with
 * FORCE_SWITCHING, waits until another thread has taken it. Blocking I/O releases it.
 *
 * Every waiter times out once an interval, but only the longest waiter's timer is in the event
 * queue: waits all last one interval, so the waiters (in the order they began waiting) are also
 * in the order their timeouts fall due, and the next one's timer is set when the longest leaves
 * (timed out or signalled). The heap then holds one GIL timer per process instead of one per
 * waiter; the run is the same, timeout for timeout (the golden traces pin it).
 */
export class NewGil extends ProcessGils implements GilModel {
  constructor(
    host: GilHost,
    processCount: number,
    private readonly intervalUs: number,
  ) {
    super(host, processCount);
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
      const dropper = gil.switchWaiter;
      if (dropper) {
        gil.switchWaiter = null;
        dropper.gilPhase = 'woken';
        this.host.wake(dropper);
      }
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

  /** A running holder is interrupted as soon as a drop is requested, so it never finds one pending. */
  turnEndIsQuiet(thread: SimThread): boolean {
    const gil = this.states[thread.process]!;
    return !(gil.holder === thread && gil.dropRequest);
  }

  onTimeout(thread: SimThread): void {
    if (thread.gilPhase !== 'timed-wait') return;
    const gil = this.states[thread.process]!;
    if (longestWaiter(gil) !== thread) throw new EmulatorInvariantError(`GIL timeout of ${thread.name}, which is not the longest waiter`);
    gil.waiters.delete(thread);
    this.setNextTimer(gil);
    thread.gilPhase = 'woken-timeout';
    this.host.wake(thread);
  }

  /** Signals the longest waiter (its timer is cancelled); the next one's timer is set. */
  protected override unlock(gil: GilState): void {
    const signalled = gil.waiters.size > 0;
    super.unlock(gil);
    if (signalled) this.setNextTimer(gil);
  }

  /** COND_TIMED_WAIT(gil->cond, interval). */
  private startTimedWait(thread: SimThread, gil: GilState): void {
    thread.savedSwitch = gil.switchNumber;
    thread.gilPhase = 'timed-wait';
    thread.gilTimeoutUs = this.host.nowUs + this.intervalUs;
    gil.waiters.add(thread);
    // The only waiter is the longest one; behind others, its timer is set when its turn comes.
    if (gil.waiters.size === 1) this.host.startTimer(thread, thread.gilTimeoutUs);
    this.host.block(thread);
  }

  /** The longest waiter left: the next one's timeout (never earlier than now) is the one to schedule. */
  private setNextTimer(gil: GilState): void {
    const next = longestWaiter(gil);
    if (next) this.host.startTimer(next, next.gilTimeoutUs);
  }

  /** SET_GIL_DROP_REQUEST: a running holder reacts now; a preempted one when it next runs. */
  private requestDrop(gil: GilState): void {
    gil.dropRequest = true;
    const holder = gil.holder;
    if (holder && holder.state === 'running') {
      this.host.interrupt(holder);
      this.dropForced(holder, gil);
    }
  }

  /** drop_gil with a pending request: unlock, reset the request, wait on switch_cond. */
  private dropForced(holder: SimThread, gil: GilState): void {
    this.unlock(gil);
    gil.dropRequest = false;
    holder.gilPhase = 'switch-wait';
    if (gil.switchWaiter) throw new EmulatorInvariantError(`${holder.name} drops the GIL while ${gil.switchWaiter.name} still waits for its drop to be taken`);
    gil.switchWaiter = holder;
    this.host.block(holder);
  }
}
