/**
 * Keeps a growing history within `max` entries by halving the resolution of its older half:
 * every other entry of the older half is dropped (the newest entries stay exact). Called on
 * every append, it costs O(1) amortised and bounds memory for runs of any length; the first
 * entry always survives, so a history still starts where it started.
 */
export function thinOlderHalf<T>(history: T[], max: number): void {
  if (history.length < max) return;
  const half = history.length >> 1;
  let kept = 1;
  for (let i = 1; i < half; i++) if (i % 2 === 0) history[kept++] = history[i]!;
  history.splice(kept, half - kept);
}
