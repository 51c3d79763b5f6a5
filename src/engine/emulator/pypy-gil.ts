import type { GilHost, GilModel } from './gil-model.js';
import { longestWaiter, ProcessGils, type GilState } from './process-gils.js';
import type { SimThread } from './sim-types.js';

/**
 * How long PyPy's holder keeps the GIL, per µs of switch interval. PyPy counts the interval in
 * ticks (sys.setswitchinterval(s) sets a check interval of s × 2,000,000 ticks, pypy/module/sys/
 * vm.py), so the time depends on the code; on the count loop pypy3 7.3.11 here held it 2.1 ms at
 * 5 ms and 7.5 ms at 20 ms (verify's hold period, threads sampled every ~1 ms).
 */
export const PYPY_HOLD_PER_INTERVAL = 0.4;

/** The stealer's poll for a GIL released by an external call (mutex2_lock_timeout(0.0001)). */
export const PYPY_POLL_US = 100;

/** PyPy's yield period for a switch interval. */
export function pypyYieldPeriodUs(switchIntervalUs: number): number {
  return Math.max(1, Math.round(switchIntervalUs * PYPY_HOLD_PER_INTERVAL));
}

/**
 * PyPy's GIL (rpython/translator/c/src/thread_gil.c): two locks, `rpy_fastgil` and `mutex_gil`.
 * - An external call (a socket, a sleep) releases the GIL by writing 0 to rpy_fastgil: nobody is
 *   signalled. The first waiter (the "stealer") polls every 0.1 ms and takes it if it is still
 *   free; a call that returns sooner takes it back with one atomic exchange.
 * - Every check interval the holder yields explicitly if someone waits (RPyGilYieldThread): it
 *   releases mutex_gil, which wakes the stealer, and queues up behind the other waiters — a
 *   polite hand-off, decided by the holder, not by a waiter's timeout as in CPython 3.
 * Simplifications, and why:
 * - The yield period is a time (PYPY_HOLD_PER_INTERVAL × interval), though PyPy counts ticks:
 *   measured on the count loop, the one workload whose ticks we know.
 * - The stealer's polls are on a 0.1 ms grid from when it began to wait; only the first waiter
 *   polls (the others sleep on mutex_gil_stealer, as in PyPy).
 */
export class PypyGil extends ProcessGils implements GilModel {
  private readonly periodUs: number;

  constructor(host: GilHost, processCount: number, switchIntervalUs: number) {
    super(host, processCount);
    this.periodUs = pypyYieldPeriodUs(switchIntervalUs);
  }

  ensureHeld(thread: SimThread): boolean {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread) return true;
    if (gil.holder === null) {
      // rpy_fastgil was 0: the atomic exchange takes it, whoever is polling for it.
      gil.waiters.delete(thread);
      this.take(thread, gil);
      thread.gilDeadlineUs = this.host.nowUs + this.periodUs;
      return true;
    }
    thread.gilPhase = 'lock-wait';
    thread.gilRaceStartUs = this.host.nowUs;
    gil.waiters.add(thread);
    this.host.block(thread);
    // The holder's slice was planned with nobody to yield to: plan it again.
    const holder = gil.holder;
    if (holder.state === 'running' && gil.waiters.size === 1) this.host.reslice(holder);
    return false;
  }

  /** An external call, going idle or exiting: rpy_fastgil = 0, nobody signalled; the stealer polls. */
  override release(thread: SimThread): void {
    const gil = this.states[thread.process]!;
    if (gil.holder !== thread) return;
    gil.holder = null;
    const stealer = longestWaiter(gil);
    if (stealer) this.host.startTimer(stealer, this.nextPollUs(stealer));
  }

  runLimitUs(thread: SimThread): number {
    const gil = this.states[thread.process]!;
    if (gil.holder !== thread || gil.waiters.size === 0) return Number.POSITIVE_INFINITY;
    // The ticker runs whether or not anyone waits: a yield that found nobody set the next one.
    const nowUs = this.host.nowUs;
    if (thread.gilDeadlineUs <= nowUs) {
      const missed = Math.floor((nowUs - thread.gilDeadlineUs) / this.periodUs) + 1;
      thread.gilDeadlineUs += missed * this.periodUs;
    }
    return thread.gilDeadlineUs - nowUs;
  }

  onRunLimit(thread: SimThread): boolean {
    const gil = this.states[thread.process]!;
    if (thread.gilDeadlineUs !== this.host.nowUs || gil.holder !== thread || gil.waiters.size === 0) return false;
    this.yieldTo(thread, gil);
    return true;
  }

  onPreempt(): void {}

  /**
   * The yield deadline is part of the slice's plan, and a new first waiter replans it (ensureHeld);
   * waiters leave only when the holder yields or releases, which ends its slice anyway.
   */
  turnEndIsQuiet(): boolean {
    return true;
  }

  /** The stealer's poll: it steals the GIL if an external call left it free. */
  onTimeout(thread: SimThread): void {
    const gil = this.states[thread.process]!;
    if (gil.holder !== null || longestWaiter(gil) !== thread) return;
    gil.waiters.delete(thread);
    this.take(thread, gil);
    thread.gilDeadlineUs = this.host.nowUs + this.periodUs;
    this.host.wake(thread);
  }

  /** RPyGilYieldThread: mutex_gil released (waking the stealer), the yielder queues behind. */
  private yieldTo(holder: SimThread, gil: GilState): void {
    const stealer = longestWaiter(gil)!;
    gil.waiters.delete(stealer);
    this.host.cancelTimer(stealer);
    this.take(stealer, gil);
    stealer.gilDeadlineUs = this.host.nowUs + this.periodUs;
    this.host.wake(stealer);
    holder.gilPhase = 'lock-wait';
    holder.gilRaceStartUs = this.host.nowUs;
    gil.waiters.add(holder);
    this.host.block(holder);
  }

  /** The stealer's next poll on its 0.1 ms grid, strictly after now. */
  private nextPollUs(stealer: SimThread): number {
    const waitedUs = this.host.nowUs - stealer.gilRaceStartUs;
    return stealer.gilRaceStartUs + (Math.floor(waitedUs / PYPY_POLL_US) + 1) * PYPY_POLL_US;
  }
}
