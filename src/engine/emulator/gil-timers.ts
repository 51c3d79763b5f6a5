import type { Simulator } from './simulator.js';
import type { SimThread } from './sim-types.js';

/**
 * GIL timers (timed waits, a stealer's polls) set during an instant, scheduled only at its end.
 * A hand-off sets and cancels one in the same instant (a waiter begins its timed wait and the
 * holder's drop signals it at once): such a timer never enters the event queue, instead of
 * waiting there to be popped as stale. One that survives the instant is scheduled with the
 * sequence number reserved when it was set, so the event order is the same either way.
 */
export class GilTimers {
  private readonly atUs: Float64Array;
  private readonly seq: Float64Array;
  /** The thread's token when its timer was set: any later change (cancel, I/O) voids it. */
  private readonly token: Int32Array;
  private readonly pending: Uint8Array;
  /** The threads whose timers were set this instant: the first `setCount` (no array emptied each instant). */
  private readonly set: Int32Array;
  private setCount = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly threads: readonly SimThread[],
  ) {
    const count = threads.length;
    this.atUs = new Float64Array(count);
    this.seq = new Float64Array(count);
    this.token = new Int32Array(count);
    this.pending = new Uint8Array(count);
    this.set = new Int32Array(count);
  }

  /** `thread`'s timer (its token just changed) ends at `atUs`, after this instant. */
  start(thread: SimThread, atUs: number): void {
    const id = thread.id;
    if (this.pending[id] === 0) this.set[this.setCount++] = id;
    this.pending[id] = 1;
    this.atUs[id] = atUs;
    this.token[id] = thread.token;
    this.seq[id] = this.sim.reserveSeq();
  }

  /** At the end of an instant: schedules the timers set during it that are still valid. */
  flush(): void {
    const count = this.setCount;
    if (count === 0) return;
    this.setCount = 0;
    for (let i = 0; i < count; i++) {
      const id = this.set[i]!;
      this.pending[id] = 0;
      if (this.threads[id]!.token === this.token[id]) this.sim.scheduleReserved(this.atUs[id]!, 'gil-timeout', id, this.token[id]!, this.seq[id]!);
    }
  }
}
