import { compressWorkload } from './compress.js';
import { countWorkload } from './count.js';
import { queryWorkload } from './query.js';
import { sleepWorkload } from './sleep.js';
import type { Workload } from './types.js';

/** Every workload, one descriptor each: the emulator's cost model and the real engine's work. */
export const WORKLOAD_LIST = [countWorkload, sleepWorkload, queryWorkload, compressWorkload] as const;

export type WorkloadName = (typeof WORKLOAD_LIST)[number]['name'];
export const WORKLOAD_NAMES: readonly WorkloadName[] = WORKLOAD_LIST.map((workload) => workload.name);

/** The descriptor of a workload; throws for a name none has, so an unknown call can never be skipped as "ok". */
export function workloadNamed(name: WorkloadName): Workload<WorkloadName> {
  const found = WORKLOAD_LIST.find((workload) => workload.name === name);
  if (!found) throw new Error(`unknown workload ${JSON.stringify(name)}`);
  return found;
}

export { count, COUNT_CHUNK, countIterationsFor } from './count.js';
export { TUTORIAL_CALIBRATION, type Calibration } from './calibration.js';
export type { Workload, WorkloadHost, WorkloadSizing } from './types.js';
