import { compressCost } from './compress.js';
import { countCost } from './count.js';
import { queryCost } from './query.js';
import { sleepCost } from './sleep.js';
import type { WorkloadCost } from './types.js';

export type WorkloadName = 'count' | 'sleep' | 'query' | 'compress';

/** Every workload's emulator cost model, by name. */
export const WORKLOAD_COSTS: Record<WorkloadName, WorkloadCost> = {
  count: countCost,
  sleep: sleepCost,
  query: queryCost,
  compress: compressCost,
};

export { count, COUNT_CHUNK } from './count.js';
export { TUTORIAL_CALIBRATION, type Calibration } from './calibration.js';
