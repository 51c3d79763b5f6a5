import type { GilHost, GilModel } from './gil-model.js';
import { geometric } from './prng.js';
import { longestWaiter, ProcessGils } from './process-gils.js';
import type { SimThread } from './sim-types.js';

/** Time of one bytecode "tick" in CPython 2 on the count loop (130 ns an iteration, ~5 bytecodes). */
export const OLD_GIL_TICK_NS = 50;
/** CPython 2's time between two checks, the old GIL's release-and-reacquire (sys.setcheckinterval). */
export function oldGilCheckPeriodUs(checkInterval: number): number {
  return Math.max(1, Math.round((checkInterval * OLD_GIL_TICK_NS) / 1_000));
}
/** Chance that a woken waiter on another core beats the holder's re-acquire at one check. */
export const OLD_GIL_RACE_WIN = 1 / 200;

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
    host: GilHost,
    processCount: number,
    checkInterval: number,
    private readonly random: () => number,
  ) {
    super(host, processCount);
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
    this.host.block(thread);
    // The holder's current slice was planned without a rival: plan it again as a race.
    const holder = gil.holder;
    if (holder.state === 'running' && holder.gilDeadlineUs === Number.POSITIVE_INFINITY) this.host.reslice(holder);
    return false;
  }

  runLimitUs(thread: SimThread): number {
    const gil = this.states[thread.process]!;
    thread.gilDeadlineUs = Number.POSITIVE_INFINITY;
    if (gil.holder !== thread || gil.waiters.size === 0 || this.host.idleCores === 0) return thread.gilDeadlineUs;
    const raceUs = geometric(this.random, OLD_GIL_RACE_WIN) * this.checkPeriodUs;
    thread.gilDeadlineUs = this.host.nowUs + raceUs;
    return raceUs;
  }

  onRunLimit(thread: SimThread): boolean {
    if (thread.gilDeadlineUs !== this.host.nowUs) return false;
    this.passTo(thread);
    return true;
  }

  onPreempt(thread: SimThread): void {
    const gil = this.states[thread.process]!;
    if (gil.holder === thread && gil.waiters.size > 0 && this.host.idleCores === 0) this.passTo(thread, false);
  }

  onTimeout(): void {}

  /** The longest waiter wins the GIL at a check; the loser blocks (if `block`) or is preempted by the OS. */
  private passTo(holder: SimThread, block = true): void {
    const gil = this.states[holder.process]!;
    const winner = longestWaiter(gil)!;
    gil.waiters.delete(winner);
    holder.gilDeadlineUs = Number.POSITIVE_INFINITY;
    this.take(winner, gil);
    this.host.wake(winner);
    if (!block) return;
    holder.gilPhase = 'lock-wait';
    gil.waiters.add(holder);
    this.host.block(holder);
  }
}
