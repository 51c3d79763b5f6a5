import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { MachineWindow } from '../crowding.js';

/**
 * The machine's idle time, for crowding.ts's bound: other programs cannot have taken more CPU
 * from a run than they ran. Linux's /proc/uptime gives, second, the time every CPU spent idle,
 * summed (exact where the kernel stops its tick when idle, shown in hundredths of a second).
 */

/** The idle time of every CPU summed, in µs, from the text of /proc/uptime; null when it has none. */
export function idleUsFromUptime(text: string): number | null {
  const idle = text.trim().split(/\s+/)[1];
  if (idle === undefined || !/^\d+(\.\d+)?$/.test(idle)) return null;
  return Math.round(Number(idle) * 1_000_000);
}

/** A reading of the machine at `atUs` (a run's clock); null where /proc/uptime cannot be read. */
export interface IdleReading {
  atUs: number;
  idleUs: number;
}

export function readIdle(atUs: number): IdleReading | null {
  try {
    const idleUs = idleUsFromUptime(readFileSync('/proc/uptime', 'utf8'));
    return idleUs === null ? null : { atUs, idleUs };
  } catch {
    return null;
  }
}

/** The window between two readings, null when either is missing or it is empty. */
export function machineWindow(from: IdleReading | null, to: IdleReading | null): MachineWindow | undefined {
  if (from === null || to === null || to.atUs <= from.atUs) return undefined;
  return { fromUs: from.atUs, toUs: to.atUs, cpus: cpus().length, idleUs: Math.max(0, to.idleUs - from.idleUs) };
}

/** Readings at a run's start and end, as they come (either may be missing: no window then). */
export class IdleWindow {
  #start: IdleReading | null = null;
  #end: IdleReading | null = null;

  start(atUs: number): void {
    this.#start = readIdle(atUs);
  }

  end(atUs: number): void {
    this.#end = readIdle(atUs);
  }

  window(): MachineWindow | undefined {
    return machineWindow(this.#start, this.#end);
  }
}
