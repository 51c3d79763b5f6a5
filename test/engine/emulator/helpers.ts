import { emulateFromFlags, type EmulateFlags } from '../../../src/cli/commands/emulate.js';
import type { Run, Span } from '../../../src/engine/index.js';

/** Emulates through the CLI's own flag handling, so tests exercise what users type. */
export function emulateFlags(flags: EmulateFlags): Run[] {
  return emulateFromFlags(flags).runs;
}

/** The single run of a one-strategy emulation. */
export function emulateOne(flags: EmulateFlags): Run {
  const runs = emulateFlags(flags);
  if (runs.length !== 1) throw new Error(`expected one run, got ${runs.length}`);
  return runs[0]!;
}

/** [response, turnaround, wait] per task, in task order. */
export function rtw(run: Run): number[][] {
  return run.tasks.map((task) => [task.responseUs, task.turnaroundUs, task.waitUs]);
}

/** Spans of one lane, in time order. */
export function laneSpans(run: Run, lane: number): Span[] {
  return run.spans.filter((span) => span.lane === lane).sort((a, b) => a.startUs - b.startUs);
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
