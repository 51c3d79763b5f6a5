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
 */
export class GilTakes {
  private readonly takes: Take[] = [];
  private handoffs = 0;

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
    if (takes.length > 2 * MAX_HANDOFF_INSTANTS) takes.splice(0, takes.length - MAX_HANDOFF_INSTANTS);
  }

  count(): number {
    return this.handoffs;
  }

  /** The hand-offs still in the list, as trace instants (the taker's lane at each change). */
  instants(): Instant[] {
    const instants: Instant[] = [];
    for (let i = 1; i < this.takes.length; i++) {
      const take = this.takes[i]!;
      if (this.takes[i - 1]!.lane !== take.lane) instants.push({ kind: 'gil-handoff', atUs: take.atUs, lane: take.lane });
    }
    return instants;
  }
}
