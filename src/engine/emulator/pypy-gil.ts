import type { GilHost, GilModel } from './gil-model.js';
import { longestWaiter, ProcessGils, type GilState } from './process-gils.js';
import type { SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

/*
 * When PyPy's holder yields: a ticker runs down and, below zero, the periodic GILReleaseAction
 * yields (pypy/module/thread/gil.py). The numbers along that path:
 */

/** `sys.setswitchinterval(s)` sets a check interval of s × 2,000,000 (pypy/module/sys/vm.py): 10,000 at 5 ms. */
export const PYPY_CHECKS_PER_INTERVAL_US = 2;

/** The ticker is reset to the check interval × TICK_COUNTER_STEP = 100 (pypy/interpreter/executioncontext.py). */
export const PYPY_TICKS_PER_CHECK = 100;

/**
 * Ticks one iteration of a JIT-compiled loop takes off the ticker: its trace length ÷ 32, between 1
 * and 100 (`_get_adapted_tick_counter`, pypy/module/pypyjit/interp_jit.py); an interpreted bytecode
 * takes 100. The count loop's trace is 43 operations (PYPYLOG=jit-log-noopt, pypy3 7.3.11), so 1.
 */
export function pypyTicksPerIteration(traceOps: number): number {
  return Math.min(PYPY_TICKS_PER_CHECK, Math.max(1, Math.floor(traceOps / 32)));
}

/** Operations in the trace of the tutorial's count loop (`for i in range(n): total = total + i`). */
export const PYPY_COUNT_TRACE_OPS = 43;

/**
 * One iteration of that loop once threads exist (the ticker's decrement is then in the trace):
 * 1.3–1.5 ns of thread CPU time (time.thread_time over 3e8 iterations, pypy3 7.3.11 here).
 */
export const PYPY_COUNT_ITERATION_NS = 1.4;

/** The stealer's poll for a GIL released by an external call (mutex2_lock_timeout(0.0001)). */
export const PYPY_POLL_US = 100;

/**
 * PyPy's yield period for a switch interval, on the count loop: the ticker's budget (check
 * interval × 100 ticks) spent one loop iteration's ticks at a time. Linear in the interval, 0.28 ×
 * it here: 0.28 / 1.4 / 5.6 ms at 1 / 5 / 20 ms (verify measured 5.4–5.7 ms at 20 ms on a quiet
 * machine; at 1 and 5 ms the sampler's ~1.1 ms period reads the holds as about one sample).
 */
export function pypyYieldPeriodUs(switchIntervalUs: number): number {
  const ticks = switchIntervalUs * PYPY_CHECKS_PER_INTERVAL_US * PYPY_TICKS_PER_CHECK;
  const iterations = ticks / pypyTicksPerIteration(PYPY_COUNT_TRACE_OPS);
  return Math.max(1, Math.round((iterations * PYPY_COUNT_ITERATION_NS) / 1_000));
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
 * - The yield period is a time (pypyYieldPeriodUs), though PyPy counts ticks: all CPU work is
 *   taken to spend them as the count loop does. Code the JIT has not compiled (100 ticks a
 *   bytecode) or longer loops (more ticks an iteration) yield sooner; the emulator's phases do not
 *   say what code they run.
 * - Each take of the GIL starts a full period. PyPy's ticker is one count for the process, reset
 *   only when it runs out, so a thread that steals the GIL during an external call goes on with
 *   what is left of it; between CPU work and short calls that remainder is nearly the whole.
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

  /**
   * Visits each GIL's holder and waiters (steady-state.ts); the threads' yield deadlines and
   * race starts are visited with the threads. A stealer's poll grid is read only at a release
   * (an external call: progress), never inside a cycle of CPU-bound threads yielding.
   */
  visitSteadyState(s: StateVisitor): void {
    for (const gil of this.states) {
      s.same(gil.holder);
      s.same(gil.lastHolder);
      s.same(gil.waiters.size);
      for (const waiter of gil.waiters) s.same(waiter);
    }
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
