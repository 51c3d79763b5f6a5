import { UsageError } from './errors.js';
import { quote } from './quote.js';

const UNIT_US: Record<string, number> = { us: 1, µs: 1, ms: 1_000, s: 1_000_000 };
const DURATION = /^(\d+(?:\.\d+)?)(us|µs|ms|s)$/;

/** Longest duration accepted anywhere: one day, so sums of many stay exact integers. */
export const MAX_DURATION_US = 86_400_000_000;

/**
 * Parses `10ms`, `2.5s`, `150us` into whole microseconds.
 * `what` names the flag or field in the error message.
 */
export function parseDuration(text: string, what: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) {
    throw new UsageError(`${what}: ${quote(text)} is not a duration (use a number with us, ms or s, e.g. 4ms)`);
  }
  const scaled = Number(match[1]) * UNIT_US[match[2] as string]!;
  const us = Math.round(scaled);
  if (Math.abs(scaled - us) > 1e-6) {
    throw new UsageError(`${what}: ${quote(text)} is not a whole number of microseconds`);
  }
  if (us > MAX_DURATION_US) {
    throw new UsageError(`${what}: ${quote(text)} is longer than the limit of 24 hours`);
  }
  return us;
}

/** Formats microseconds with a unit chosen by size: `850us`, `12.5ms`, `3.21s`. */
export function formatDuration(us: number): string {
  const { value, unit } = withUnit(us);
  return `${value.includes('.') ? value.replace(/\.?0+$/, '') : value}${unit}`;
}

/**
 * An elapsed time for a table column: like formatDuration but with a fixed number of decimals
 * per unit (`3.000s`, `36.20s`, `150.9ms`), so the values of a column line up and compare.
 */
export function formatElapsed(us: number): string {
  const { value, unit } = withUnit(us);
  return `${value}${unit}`;
}

/** The unit for a duration's size, and the value in it with that unit's decimals. */
function withUnit(us: number): { value: string; unit: string } {
  const abs = Math.abs(us);
  if (abs < 1_000) return { value: String(us), unit: 'us' };
  if (abs < 1_000_000) return { value: (us / 1_000).toFixed(abs < 10_000 ? 2 : 1), unit: 'ms' };
  return { value: (us / 1_000_000).toFixed(abs < 10_000_000 ? 3 : 2), unit: 's' };
}
