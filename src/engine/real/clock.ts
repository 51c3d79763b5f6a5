/**
 * One clock for the main thread, workers and children: `performance.timeOrigin + now()` is the
 * same wall-clock epoch in every thread and process (FACTS.md measured ≤ 16 µs of skew), so
 * timestamps taken anywhere land on the run's timeline.
 */
export function epochUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1_000);
}

/** Microseconds since `originUs` (an `epochUs()` reading taken when the run started). */
export function sinceUs(originUs: number): number {
  return epochUs() - originUs;
}
