import type { Run } from '../runs.js';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median time between GIL hand-offs: how long a holder keeps it, on either side (NaN without two hand-offs). */
export function medianHoldUs(run: Run): number {
  const at = run.instants.filter((instant) => instant.kind === 'gil-handoff').map((instant) => instant.atUs);
  const gaps = at.slice(1).map((t, i) => t - at[i]!);
  return gaps.length === 0 ? Number.NaN : median(gaps);
}
