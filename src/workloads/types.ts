import type { Phase } from '../engine/task-spec.js';
import type { Calibration } from './calibration.js';

/**
 * A workload: real work that the real engine runs, and the cost model the emulator uses for it,
 * so one scenario can be run both ways.
 */
export interface WorkloadCost {
  /** The phases CPython would go through for this call. */
  cost(argument: number, calibration: Calibration): Phase[];
  /** How to show a call, e.g. `count(100,000,000)`. */
  describe(argument: number): string;
}
