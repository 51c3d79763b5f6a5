import type { Instant } from '../trace.js';

/** Hand-off instants kept for drawing; the count stays exact beyond it. */
export const MAX_HANDOFF_INSTANTS = 20_000;

interface Take {
  atUs: number;
  lane: number;
}

/**
 * Who took the GIL when, from reports of several threads (so out of order), kept sorted on
 * insertion with the number of hand-offs (taker changes) updated as takes arrive. An hour under
 * a GIL is ~700,000 takes: the oldest are dropped from the list, never from the count.
 * The instants are kept as takes arrive, redone only from the earliest take inserted since the
 * last read (takes mostly arrive at the end, so a read costs what arrived).
 */
export class GilTakes {
  private readonly takes: Take[] = [];
  private handoffs = 0;
  /** Hand-off instants up to take `changedFrom`, with the index of the take each marks. */
  private readonly cached: Instant[] = [];
  private readonly cachedAt: number[] = [];
  private changedFrom = 0;

  add(lane: number, atUs: number): void {
    const takes = this.takes;
    let at = takes.length;
    while (at > 0 && takes[at - 1]!.atUs > atUs) at--;
    const before = takes[at - 1];
    const after = takes[at];
    const changes = (a: Take | undefined, b: Take | undefined) => (a && b && a.lane !== b.lane ? 1 : 0);
    const take = { atUs, lane };
    this.handoffs += changes(before, take) + changes(take, after) - changes(before, after);
    takes.splice(at, 0, take);
    this.changedFrom = Math.min(this.changedFrom, at);
    if (takes.length > 2 * MAX_HANDOFF_INSTANTS) {
      takes.splice(0, takes.length - MAX_HANDOFF_INSTANTS);
      this.changedFrom = 0;
    }
  }

  count(): number {
    return this.handoffs;
  }

  /** The hand-offs still in the list, as trace instants (the taker's lane at each change). */
  instants(): Instant[] {
    // The instant at take i depends on takes i-1 and i: those from changedFrom on are redone.
    while (this.cachedAt.length > 0 && this.cachedAt.at(-1)! >= this.changedFrom) {
      this.cachedAt.pop();
      this.cached.pop();
    }
    for (let i = Math.max(1, this.changedFrom); i < this.takes.length; i++) {
      const take = this.takes[i]!;
      if (this.takes[i - 1]!.lane !== take.lane) {
        this.cached.push({ kind: 'gil-handoff', atUs: take.atUs, lane: take.lane });
        this.cachedAt.push(i);
      }
    }
    this.changedFrom = this.takes.length;
    return this.cached.slice();
  }
}
