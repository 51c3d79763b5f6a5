import { SCENARIOS } from '../../engine/index.js';

/**
 * Whether a workload (a scenario's name, as in `Trace.workload`) compresses with zlib: CPU work
 * that CPython runs without the GIL and Node's async API runs on libuv's thread pool. A
 * `--tasks` list never does (its CPU phases hold the GIL), so only scenarios are looked up.
 */
export function compresses(workload: string): boolean {
  const scenario = SCENARIOS.find((candidate) => candidate.name === workload);
  return scenario?.tasks.some((task) => task.calls.some((call) => call.workload === 'compress')) ?? false;
}
