import type { WorkloadCost } from './types.js';

/** `time.sleep(ms)`: the thread blocks and releases the GIL; no CPU is used. */
export const sleepCost: WorkloadCost = {
  cost: (ms: number) => [{ kind: 'io', us: Math.round(ms * 1_000) }],
  describe: (ms) => `sleep(${ms} ms)`,
};
