import type { GilHost, GilModel } from './gil-model.js';
import { ProcessGils, type GilState } from './process-gils.js';
import type { SimThread } from './sim-types.js';

/**
 * CPython ≥ 3.2 (Python/ceval_gil.c): a waiter sleeps one switch interval; if the GIL did not
 * change hands meanwhile it sets a drop request; the holder drops at its next check and, with
 * FORCE_SWITCHING, waits until another thread has taken it. Blocking I/O releases it.
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
      for (const dropper of gil.switchWaiters) {
        dropper.gilPhase = 'woken';
        this.host.wake(dropper);
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
    this.host.wake(thread);
  }

  /** COND_TIMED_WAIT(gil->cond, interval). */
  private startTimedWait(thread: SimThread, gil: GilState): void {
    thread.savedSwitch = gil.switchNumber;
    thread.gilPhase = 'timed-wait';
    gil.waiters.add(thread);
    this.host.startTimer(thread, this.host.nowUs + this.intervalUs);
    this.host.block(thread);
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
    gil.switchWaiters.push(holder);
    this.host.block(holder);
  }
}
