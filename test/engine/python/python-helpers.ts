import type { EmulatedStrategy, Run, SpanState } from '../../../src/engine/index.js';
import { probeInterpreter } from '../../../src/engine/python/interpreter.js';
import type { PythonRunSpec } from '../../../src/engine/python/python-run.js';
import type { RealCall } from '../../../src/engine/real/protocol.js';

/** Shared by the Python run tests: python3 from PATH, a run's spec, calls, and time per state. */
export const python = probeInterpreter('python3');

export function spec(strategy: EmulatedStrategy, tasks: RealCall[][], extra: Partial<PythonRunSpec> = {}): PythonRunSpec {
  return {
    python,
    strategy,
    workers: 2,
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cores: 2,
    database: null,
    tasks: tasks.map((calls, i) => ({ name: `task-${i + 1}`, arrivalUs: 0, calls })),
    ...extra,
  };
}

export const count = (n: number): RealCall => ({ workload: 'count', argument: n });
export const sleep = (ms: number): RealCall => ({ workload: 'sleep', argument: ms });
export const fault = (code: number): RealCall => ({ workload: 'fault', argument: code });

export function timeIn(run: Run, state: SpanState, lane?: number): number {
  return run.spans.filter((s) => s.state === state && (lane === undefined || s.lane === lane)).reduce((sum, s) => sum + s.endUs - s.startUs, 0);
}

/** Time during which two lanes were both `running`. */
export function runningOverlapUs(run: Run): number {
  const [a, b] = [0, 1].map((lane) => run.spans.filter((s) => s.lane === lane && s.state === 'running'));
  let overlap = 0;
  for (const x of a!) for (const y of b!) overlap += Math.max(0, Math.min(x.endUs, y.endUs) - Math.max(x.startUs, y.startUs));
  return overlap;
}
