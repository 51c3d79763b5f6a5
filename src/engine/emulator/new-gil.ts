import { EmulatorInvariantError } from '../errors.js';
import type { GilHost, GilModel } from './gil-model.js';
import { longestWaiter, ProcessGils, type GilState } from './process-gils.js';
import type { SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

/**
 * The shares of the races around a call that returns at once that the other thread wins, when it
 * has a core of its own, from `npm run bench -- convoy` on a quiet machine (CPython 3.11–3.13,
 * 2026-12-01 22:51, load 0.3; BENCHMARKS.md "Convoy"):
 * - WAITER: a thread asleep in take_gil, signalled by the call's release (the CPU thread at the
 *   I/O thread's `sendall`): sends lost the GIL in 90–100 % of the round trips.
 * - RETURNER: the thread that just dropped the GIL on a forced switch, still on its way back to
 *   take_gil (the CPU thread at the I/O thread's `recv` right after it took the GIL back: the
 *   answer came during the lost send's wait, so the receive returns at once): 8–30 %, median 16 %.
 * The loaded runs before them had read 45–99 % for both, which a single 0.7 stood for.
 */
export const SHORT_CALL_WAITER_WINS = 0.95;
export const SHORT_CALL_RETURNER_WINS = 0.16;

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
 *
 * Around a call that returns at once (a send, a receive that finds its answer), the signalled
 * waiter races the caller back to the GIL (releaseAroundCall).
 */
export class NewGil extends ProcessGils implements GilModel {
  constructor(
    host: GilHost,
    processCount: number,
    private readonly intervalUs: number,
    private readonly random: () => number,
  ) {
    super(host, processCount);
  }

  /**
   * Per process: the GIL's claim by the winner of a race around a call (it takes the GIL when it
   * runs, and the caller, back first, waits for it), and the dropper a take woke from switch_cond,
   * on its way back to take_gil (null: none).
   */
  private readonly claims: (SimThread | null)[] = [];
  private readonly returning: (SimThread | null)[] = [];
  /** Random draws so far: a cycle with one is not periodic. */
  private draws = 0;

  /**
   * drop_gil, a ~10 µs system call, take_gil. A thread waiting for the GIL (or the dropper on its
   * way back to take_gil) takes it first if it wakes on a core of its own before the call
   * returns; the caller then waits an interval for it (`npm run bench -- convoy`, FIDELITY.md).
   * Simplifications:
   * - The race's outcome is drawn: the waiter's wake-up and the call both last 10–30 µs here, and
   *   which is shorter depends on what the emulator does not model (how long the core has been
   *   idle, where the woken server runs), so the share the waiter wins is taken as measured.
   * - A racer without a core of its own never wins: it waits for the caller's core, as it did here
   *   in 98–100 % of the sends where it last ran on the I/O thread's core.
   * - The winner takes the GIL when its emulated wake-up (the context switch) is over, a few tens
   *   of µs after the call returned (the real one was there within it): the GIL is claimed, not
   *   held, meanwhile, and the caller waits for it from its return.
   */
  override releaseAroundCall(thread: SimThread): void {
    const gil = this.states[thread.process]!;
    if (gil.holder !== thread) return;
    const waiter = longestWaiter(gil);
    const back = this.returning[thread.process] ?? null;
    const racer = waiter !== undefined ? (this.host.idleCores > 0 ? waiter : null) : back !== null && back.gilPhase === 'woken' && back.core >= 0 ? back : null;
    this.unlock(gil);
    // Drawn only where a race happens: runs without a short call beside a waiter draw nothing.
    if (racer === null) return;
    this.draws++;
    if (this.random() < (racer === waiter ? SHORT_CALL_WAITER_WINS : SHORT_CALL_RETURNER_WINS)) this.claims[thread.process] = racer;
  }

  ensureHeld(thread: SimThread): boolean {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread) {
      if (!gil.dropRequest) return true;
      this.dropForced(thread, gil);
      return false;
    }
    const timedOut = thread.gilPhase === 'woken-timeout';
    if (this.returning[thread.process] === thread) this.returning[thread.process] = null;
    const claim = this.claims[thread.process] ?? null;
    if (gil.holder === null && (claim === null || claim === thread)) {
      this.claims[thread.process] = null;
      this.take(thread, gil);
      gil.dropRequest = false;
      const dropper = gil.switchWaiter;
      if (dropper) {
        gil.switchWaiter = null;
        dropper.gilPhase = 'woken';
        this.host.wake(dropper);
        this.returning[thread.process] = dropper;
      }
      return true;
    }
    const noSwitchMeanwhile = timedOut && gil.switchNumber === thread.savedSwitch;
    this.startTimedWait(thread, gil);
    // The claimer's take really came before this wait began: it is no switch to wait past.
    if (gil.holder === null) thread.savedSwitch++;
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

  visitSteadyState(s: StateVisitor, threads: readonly SimThread[]): void {
    s.same(this.draws);
    for (let process = 0; process < this.states.length; process++) {
      const gil = this.states[process]!;
      s.same(gil.holder);
      s.same(gil.lastHolder);
      s.same(gil.dropRequest);
      s.same(gil.switchWaiter);
      s.same(gil.waiters.size);
      for (const waiter of gil.waiters) s.same(waiter);
      s.same(this.claims[process] ?? null);
      s.same(this.returning[process] ?? null);
    }
    // A switch number matters only against the one a waiter saved (and only while it waits).
    for (const thread of threads) {
      if (thread.gilPhase === 'timed-wait' || thread.gilPhase === 'woken-timeout') s.same(thread.savedSwitch - this.states[thread.process]!.switchNumber);
      if (thread.gilPhase === 'timed-wait') thread.gilTimeoutUs = s.ahead(thread.gilTimeoutUs);
    }
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
