import type { Cores } from './cores.js';
import type { SchedulingPolicy } from './policies.js';
import type { DeferredEvents, Simulator } from './simulator.js';
import type { SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

/** What a skipped turn end needs of the kernel. */
export interface TurnEndHost {
  /**
   * Whether the end of running `thread`'s turn would change nothing if it came now: nobody waits
   * for a core, and the GIL model would neither act nor plan the slice differently.
   */
  quietTurnEnd(thread: SimThread): boolean;
  /** Counts `thread`'s CPU time up to `atUs` against its work (a slice end that was skipped). */
  charge(thread: SimThread, atUs: number): void;
}

/**
 * The slice ends of slices that run into the end of their thread's turn (the OS time slice)
 * before their work or GIL limit ends. At such a turn end a thread that nobody waits to replace
 * starts a new turn and goes on, so those turn ends are kept out of the event queue (SimPy wakes
 * nobody there either): per core, the slice is followed lazily from turn end to turn end
 * (`boundaryUs`) towards its planned end (`endUs`), and only the first turn end at which
 * something may happen, or the planned end, is scheduled.
 *
 * The run stays the same event for event. A turn end is scheduled:
 * - when anything else happens at its instant (`catchUp`), so it keeps its place among them;
 * - when, at the end of an instant, it is no longer quiet (`settle`): someone waits for a core, or
 *   the GIL model would act there.
 * Turn ends skipped in between fall at instants where nothing else happens, where they could only
 * have started a new turn and scheduled the next slice end; that one keeps the sequence number
 * it would have had (reserved after every event scheduled before it and before any later one),
 * so ties in the event order (time, rank, seq) are broken as before.
 */
export class SliceEnds implements DeferredEvents {
  nextUs = Number.POSITIVE_INFINITY;
  private readonly pending: Uint8Array;
  private readonly token: Int32Array;
  private readonly boundaryUs: Float64Array;
  private readonly endUs: Float64Array;
  private readonly seq: Float64Array;
  /** The last turn end skipped by `catchUp` (orders the sequence numbers it reserves). */
  private readonly skippedUs: Float64Array;
  /** The cores whose turn ends `catchUp` skipped: the first `caughtUpCount` (no array emptied each call). */
  private readonly caughtUp: Int32Array;
  private count = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly cores: Cores,
    private readonly policy: SchedulingPolicy,
    private readonly host: TurnEndHost,
    coreCount: number,
  ) {
    this.pending = new Uint8Array(coreCount);
    this.token = new Int32Array(coreCount);
    this.boundaryUs = new Float64Array(coreCount);
    this.endUs = new Float64Array(coreCount);
    this.seq = new Float64Array(coreCount);
    this.skippedUs = new Float64Array(coreCount);
    this.caughtUp = new Int32Array(coreCount);
  }

  /**
   * The slice on `coreId` (planned now, at the core's current token) ends at `endUs` unless its
   * turn ends first, at `turnEndUs` (now < turnEndUs < endUs): its slice end is deferred.
   */
  defer(coreId: number, turnEndUs: number, endUs: number): void {
    if (this.pending[coreId] === 0) this.count++;
    this.pending[coreId] = 1;
    this.token[coreId] = this.cores.at(coreId).token;
    this.boundaryUs[coreId] = turnEndUs;
    this.endUs[coreId] = endUs;
    this.seq[coreId] = this.sim.reserveSeq();
    if (turnEndUs < this.nextUs) this.nextUs = turnEndUs;
  }

  catchUp(untilUs: number): void {
    let horizonUs = untilUs;
    for (let core = 0; core < this.pending.length; core++) {
      if (this.pending[core] === 0) continue;
      if (this.cores.at(core).token !== this.token[core]) this.drop(core);
      else if (this.endUs[core]! < horizonUs) horizonUs = this.endUs[core]!;
    }
    // Nothing happens before the horizon: the turn ends before it were quiet (settle said so).
    const caughtUp = this.caughtUp;
    let caughtUpCount = 0;
    for (let core = 0; core < this.pending.length; core++) {
      if (this.pending[core] === 0 || this.boundaryUs[core]! >= horizonUs) continue;
      const thread = this.cores.at(core).thread!;
      const skippedUs = this.policy.skipTurns(thread, horizonUs);
      this.host.charge(thread, skippedUs);
      this.boundaryUs[core] = this.policy.turnEndUs(thread);
      this.skippedUs[core] = skippedUs;
      // The next slice end was scheduled at the last skipped turn end: in that order, and ties
      // (lockstep cores) in the order their turn ends came. An insertion sort: a few cores.
      let at = caughtUpCount++;
      while (at > 0 && this.scheduledAfter(caughtUp[at - 1]!, core)) {
        caughtUp[at] = caughtUp[at - 1]!;
        at--;
      }
      caughtUp[at] = core;
    }
    for (let i = 0; i < caughtUpCount; i++) this.seq[caughtUp[i]!] = this.sim.reserveSeq();
    this.nextUs = Number.POSITIVE_INFINITY;
    for (let core = 0; core < this.pending.length; core++) {
      if (this.pending[core] === 0) continue;
      if (this.boundaryUs[core]! >= this.endUs[core]!) this.schedule(core, this.endUs[core]!);
      else if (this.boundaryUs[core] === horizonUs) this.schedule(core, horizonUs);
      else if (this.boundaryUs[core]! < this.nextUs) this.nextUs = this.boundaryUs[core]!;
    }
  }

  /** Visits the deferred slice ends (steady-state.ts); the scratch of `catchUp` is set before each use. */
  visitSteadyState(s: StateVisitor): void {
    this.nextUs = s.clock(this.nextUs);
    s.same(this.count);
    for (let core = 0; core < this.pending.length; core++) {
      s.same(this.pending[core]);
      if (this.pending[core] === 0) continue;
      s.same(this.token[core]! - this.cores.at(core).token);
      s.same(this.seq[core]! - this.sim.nextSeq);
      this.boundaryUs[core] = s.ahead(this.boundaryUs[core]!);
      this.endUs[core] = s.workEnd(this.endUs[core]!);
    }
  }

  /** Whether the skipped turn end of core `a` came after that of core `b` (then its slice end is scheduled after). */
  private scheduledAfter(a: number, b: number): boolean {
    const skippedA = this.skippedUs[a]!;
    const skippedB = this.skippedUs[b]!;
    return skippedA > skippedB || (skippedA === skippedB && this.seq[a]! > this.seq[b]!);
  }

  /** At the end of an instant: schedules the turn ends that are no longer quiet. */
  settle(): void {
    if (this.count === 0) return;
    for (let core = 0; core < this.pending.length; core++) {
      if (this.pending[core] === 0) continue;
      const { thread, token } = this.cores.at(core);
      if (token !== this.token[core]) this.drop(core);
      else if (!this.host.quietTurnEnd(thread!)) this.schedule(core, this.boundaryUs[core]!);
    }
  }

  private schedule(core: number, atUs: number): void {
    this.sim.scheduleReserved(atUs, 'slice-end', core, this.token[core]!, this.seq[core]!);
    this.drop(core);
  }

  private drop(core: number): void {
    this.pending[core] = 0;
    this.count--;
  }
}
