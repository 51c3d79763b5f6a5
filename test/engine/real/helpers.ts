import { readFileSync, readdirSync } from 'node:fs';
import { startRealRun, type RealRunSpec } from '../../../src/engine/real/real-run.js';
import type { RealCall, RealTask } from '../../../src/engine/real/protocol.js';
import type { Run } from '../../../src/engine/runs.js';
import type { Span, SpanState } from '../../../src/engine/trace.js';

export const countCall = (iterations: number): RealCall => ({ workload: 'count', argument: iterations });
export const sleepCall = (ms: number): RealCall => ({ workload: 'sleep', argument: ms });
export const faultCall = (code: number): RealCall => ({ workload: 'fault', argument: code });

export const task = (name: string, ...calls: RealCall[]): RealTask => ({ name, arrivalUs: 0, calls });

/** Runs to the end with small defaults (pools of 2 threads or 2 processes, no GIL). */
export function runReal(spec: Partial<RealRunSpec> & Pick<RealRunSpec, 'tasks' | 'strategy'>): Promise<Run> {
  return startRealRun({ workers: 2, threads: 2, procs: 2, gil: 'none', switchIntervalUs: 5_000, ...spec }).done;
}

/** Time per state of one lane. */
export function timeIn(run: Run, lane: number): Partial<Record<SpanState, number>> {
  const totals: Partial<Record<SpanState, number>> = {};
  for (const span of run.spans) if (span.lane === lane) totals[span.state] = (totals[span.state] ?? 0) + span.endUs - span.startUs;
  return totals;
}

export const laneSpans = (run: Run, lane: number): Span[] => run.spans.filter((span) => span.lane === lane);

/** The lane's last span: its terminal marker. */
export const ending = (run: Run, lane: number): SpanState | undefined => laneSpans(run, lane).at(-1)?.state;

/** Processes whose parent is this test process (children left behind would show here). */
export function childPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // Field 4 of /proc/PID/stat is the parent pid; the name in field 2 may hold spaces.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch {
        return false; // it exited while we looked
      }
    })
    .map(Number);
}
