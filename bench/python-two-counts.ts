import type { PythonInterpreter } from '../src/engine/python/interpreter.js';
import { startPythonRun } from '../src/engine/python/python-run.js';
import type { EmulatedStrategy } from '../src/engine/emulator/params.js';
import type { PythonRun } from '../src/engine/runs.js';

/**
 * The tracing benches' work: two counts of `iterations` run by the harness as `strategy` on two
 * cores at the default switch interval, sampled every `samplePeriodMs` (null: not sampled).
 */
export function tracedTwoCounts(python: PythonInterpreter, strategy: EmulatedStrategy, iterations: number, samplePeriodMs: number | null): Promise<PythonRun> {
  const tasks = [0, 1].map((i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls: [{ workload: 'count' as const, argument: iterations }] }));
  return startPythonRun({
    python,
    strategy,
    tasks,
    workers: 2,
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cores: 2,
    database: null,
    samplePeriodMs,
  }).done;
}
