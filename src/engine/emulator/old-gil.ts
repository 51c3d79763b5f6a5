import type { GilHost, GilModel } from './gil-model.js';
import { BATTLE_ROUND_US, drawHandoffs, drawHoldUs, finalHolder, HANDOFF_COST_US, lostUs } from './old-gil-battle.js';
import { ProcessGils, type GilState } from './process-gils.js';
import type { SimThread } from './sim-types.js';

/**
 * CPython ≤ 3.1 (2.7's Python/ceval.c and thread_pthread.h): every `checkInterval` ticks the
 * holder releases the lock (sem_post, which wakes a waiter) and at once takes it again (sem_wait).
 * Nothing makes the holder wait for the woken thread, so:
 * - With a free core the woken waiter races a holder that is already running: it mostly loses,
 *   sleeps, and is woken at the next check (burning CPU), and now and then wins (a hand-off
 *   between cores). A race is drawn per hold (old-gil-battle.ts), not one event per check
 *   (every ~2.5 µs); between threads in long CPU work, per round of BATTLE_ROUND_US.
 * - Each check with a registered waiter and each cross-core hand-off cost the holder work
 *   (CHECK_OVERHEAD, HANDOFF_COST_US): that is Beazley's 2-core slowdown.
 * - With no free core the woken waiter can only win when the OS switches to it: at the end of
 *   the holder's time slice (the 4 ms tick), so holds last a tick (2.7.18 on one core here: ~250
 *   hand-offs a second).
 * Simplifications, and why:
 * - The racing waiter is drawn waiting off its core (its CPU burn is in the holder's losses, not
 *   on the idle core); the winner of a race pays a context switch to get back on a core, which
 *   stands in for a single race's hand-off cost (rounds count theirs in the holder's losses).
 * - A race or round cut short by the holder's own release (I/O, end of task) or preemption is
 *   dropped: only that release counts.
 * - A waiter that starts waiting during a round joins the race when the round ends (≤ 1 ms).
 */
export class OldGil extends ProcessGils implements GilModel {
  constructor(
    host: GilHost,
    processCount: number,
    private readonly checkInterval: number,
    private readonly random: () => number,
  ) {
    super(host, processCount);
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

  override release(thread: SimThread): void {
    thread.gilDeadlineUs = Number.POSITIVE_INFINITY;
    super.release(thread);
  }

  runLimitUs(thread: SimThread): number {
    const gil = this.states[thread.process]!;
    const nowUs = this.host.nowUs;
    if (gil.holder !== thread || gil.waiters.size === 0 || this.host.idleCores === 0) {
      thread.gilDeadlineUs = Number.POSITIVE_INFINITY;
      return thread.gilDeadlineUs;
    }
    // A race or round already under way goes on across the holder's work items and slices.
    if (thread.gilDeadlineUs > nowUs && thread.gilDeadlineUs !== Number.POSITIVE_INFINITY) return thread.gilDeadlineUs - nowUs;
    thread.gilRaceStartUs = nowUs;
    thread.gilRound = this.allInLongWork(thread, gil);
    // A single race is drawn against one rival, however many wait: it decides when a thread in
    // short work gets the GIL, and more rivals would only make the events of short work denser.
    const holdUs = thread.gilRound ? BATTLE_ROUND_US : drawHoldUs(this.random, this.checkInterval, 1);
    thread.gilDeadlineUs = nowUs + holdUs;
    return holdUs;
  }

  onRunLimit(thread: SimThread): boolean {
    if (thread.gilDeadlineUs !== this.host.nowUs) return false;
    const gil = this.states[thread.process]!;
    const heldUs = this.host.nowUs - thread.gilRaceStartUs;
    thread.gilDeadlineUs = Number.POSITIVE_INFINITY;
    const battlers = [thread, ...gil.waiters];
    const handoffs = thread.gilRound ? drawHandoffs(this.random, this.checkInterval, gil.waiters.size, heldUs) : 1;
    thread.work!.remainingUs += lostUs(heldUs, thread.gilRound ? handoffs : 0);

    const winner = finalHolder(this.random, battlers, handoffs);
    // The hand-off to a new holder is recorded (and drawn) by take(); the others only counted.
    this.host.countHandoffs(handoffs - (winner === thread ? 0 : 1));
    if (winner === thread) return false;
    // The winner was awake on a free core, racing: it starts within the hand-off cost, not the
    // cost of a context switch; a round's hand-offs are in the holder's losses already.
    winner.wakeCostUs = thread.gilRound ? 0 : HANDOFF_COST_US;
    this.passTo(thread, winner);
    return true;
  }

  /**
   * With no free core, the OS preempts the holder at the check after its slice ended, between
   * its release and re-acquire: the GIL is free for whichever thread runs next (a signalled
   * waiter, or one preempted the same way), and the holder retakes it if nobody did.
   */
  onPreempt(thread: SimThread): void {
    if (this.host.idleCores > 0) return;
    thread.gilDeadlineUs = Number.POSITIVE_INFINITY;
    this.release(thread);
  }

  onTimeout(): void {}

  /**
   * Quiet unless the holder has rivals and either no free core (onPreempt releases the GIL to
   * them) or no race planned yet (runLimitUs would draw one): a race under way is in the plan.
   */
  turnEndIsQuiet(thread: SimThread): boolean {
    const gil = this.states[thread.process]!;
    if (gil.holder !== thread || gil.waiters.size === 0) return true;
    return this.host.idleCores > 0 && thread.gilDeadlineUs !== Number.POSITIVE_INFINITY;
  }

  /** Whether the holder and every waiter are in CPU work of at least a round: a battle drawn in rounds. */
  private allInLongWork(holder: SimThread, gil: GilState): boolean {
    if (holder.work === null || holder.work.remainingUs < BATTLE_ROUND_US) return false;
    for (const waiter of gil.waiters) if (waiter.work === null || waiter.work.remainingUs < BATTLE_ROUND_US) return false;
    return true;
  }

  /** `winner` (blocked on the GIL) takes it from `holder`, which blocks on it in turn. */
  private passTo(holder: SimThread, winner: SimThread): void {
    const gil = this.states[holder.process]!;
    gil.waiters.delete(winner);
    holder.gilDeadlineUs = Number.POSITIVE_INFINITY;
    this.take(winner, gil);
    this.host.wake(winner);
    holder.gilPhase = 'lock-wait';
    gil.waiters.add(holder);
    this.host.block(holder);
  }
}
