import type { DurationValue } from './schema.js';

/** Linux's time slice at CONFIG_HZ=250, the default: a stop of its own between 2 ms and 5 ms. */
const KERNEL_TICK_US = 4_000;

/**
 * The round values (1, 2, 5 × 10ⁿ µs, plus the kernel tick) from a duration's minimum to its
 * maximum, both ends included: a key steps from any value in range, even one set by a flag.
 */
export function durationLadder(value: DurationValue): number[] {
  const stops = new Set<number>([value.minUs, value.maxUs]);
  for (let decade = 1; decade <= value.maxUs; decade *= 10) {
    for (const mantissa of [1, 2, 5]) stops.add(mantissa * decade);
  }
  stops.add(KERNEL_TICK_US);
  return [...stops].filter((us) => us >= value.minUs && us <= value.maxUs).sort((a, b) => a - b);
}

/** The next value on the ladder above or below `current` (which need not be on it); `current` at an end. */
export function stepLadder(ladder: readonly number[], current: number, direction: 1 | -1): number {
  if (direction > 0) return ladder.find((value) => value > current) ?? current;
  return ladder.findLast((value) => value < current) ?? current;
}
