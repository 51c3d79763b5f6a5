/**
 * Core time a real run used: its lanes' running time, plus start-up counted once however many
 * lanes waited for it (a hundred tasks queued behind one starting pool are not a hundred cores).
 * `spawns` are the `[startUs, endUs]` of every spawn span; the array is sorted in place.
 */
export function realBusyUs(runningUs: number, spawns: [number, number][]): number {
  spawns.sort((a, b) => a[0] - b[0]);
  let union = 0;
  let coveredTo = Number.NEGATIVE_INFINITY;
  for (const [start, end] of spawns) {
    if (end <= coveredTo) continue;
    union += end - Math.max(start, coveredTo);
    coveredTo = end;
  }
  return runningUs + union;
}
