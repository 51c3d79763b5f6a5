import type { SpanState } from '../trace.js';

/** A lane entering a state at a moment. */
export interface Transition {
  atUs: number;
  state: SpanState;
}

/** Transitions of the older half folded into one bucket. */
const BUCKET = 8;

/**
 * Keeps a lane's transitions under `max` by folding its older half into buckets of 8: each
 * bucket becomes one span per state it held, in order of first appearance, with the state's
 * exact total time. Per-state totals and coverage stay exact; only the order inside a bucket
 * is lost (an alternating running/gil-wait stretch becomes running then gil-wait).
 */
export function coarsenOlderHalf(list: Transition[], max: number): void {
  if (list.length < max) return;
  const half = list.length >> 1;
  const folded: Transition[] = [];
  for (let start = 0; start < half; start += BUCKET) {
    const end = Math.min(start + BUCKET, half);
    const totals = new Map<SpanState, number>();
    for (let i = start; i < end; i++) {
      const state = list[i]!.state;
      totals.set(state, (totals.get(state) ?? 0) + (list[i + 1]!.atUs - list[i]!.atUs));
    }
    let atUs = list[start]!.atUs;
    for (const [state, us] of totals) {
      if (us === 0) continue;
      if (folded.at(-1)?.state !== state) folded.push({ atUs, state });
      atUs += us;
    }
  }
  list.splice(0, half, ...folded);
}
