/** What one iteration of the tutorial's `count` loop costs, per interpreter and on Node. */
export interface Calibration {
  /** CPython's cost per iteration of `count = count + i`. */
  cpythonNsPerIteration: number;
  /** Node's cost per iteration of the same loop. */
  nodeNsPerIteration: number;
  /** Where the figures come from (shown in tables). */
  source: string;
  /** Where Node's figure comes from, for a note beside real counts (`built-in`, or `calibrate` of a day). */
  nodeSource: string;
}

/**
 * The tutorial's measurement: two counts of 100,000,000 took 25.86 s sequentially, so one
 * iteration cost 129.3 ns. Node's figure was measured on a 2-core machine like CI's (0.85 ns).
 */
export const TUTORIAL_CALIBRATION: Calibration = {
  cpythonNsPerIteration: 129.3,
  nodeNsPerIteration: 0.85,
  source: 'tutorial (CPython 129.3 ns/iteration)',
  nodeSource: 'built-in figure; `concur-tui calibrate` measures this machine',
};
