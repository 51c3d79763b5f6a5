import { readFileSync } from 'node:fs';

/**
 * CPU steal: time a hypervisor ran other guests on this machine's virtual cores while this
 * machine wanted them. A run that saw steal was slowed by something outside it, so its figures
 * say less about the strategy. Linux counts it in /proc/stat, in USER_HZ ticks.
 */

/** Linux reports /proc/stat in USER_HZ, which its ABI fixes at 100 ticks a second. */
const US_PER_TICK = 10_000;

/** The 8th value of the aggregate `cpu` line is steal (proc(5): user nice system idle iowait irq softirq steal …). */
const STEAL_FIELD = 8;

/**
 * Total steal of all cores, in µs, from the text of /proc/stat; null when the text has no
 * aggregate `cpu` line with a steal column (kernels before 2.6.11, or not Linux).
 */
export function stealUsFromProcStat(text: string): number | null {
  const line = text.split('\n').find((row) => row.startsWith('cpu '));
  const ticks = line?.trim().split(/\s+/)[STEAL_FIELD];
  if (ticks === undefined || !/^\d+$/.test(ticks)) return null;
  return Number(ticks) * US_PER_TICK;
}

/** This machine's total steal so far, in µs; null where /proc/stat cannot be read. */
export function readStealUs(): number | null {
  try {
    return stealUsFromProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** Steal between two readings, null when either is unknown. */
export function stealBetween(beforeUs: number | null, afterUs: number | null): number | null {
  return beforeUs === null || afterUs === null ? null : Math.max(0, afterUs - beforeUs);
}
