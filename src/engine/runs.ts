import type { EmulatedSetup } from './emulated-setup.js';
import type { EmulatedStrategy, EmulatorParams } from './emulator/params.js';
import type { PythonSetup } from './python/python-setup.js';
import type { RealSetup } from './real/real-setup.js';
import type { RealStrategy } from './real/strategy-context.js';
import type { EmulatedRunOf, RealRunOf, TraceOf } from './trace.js';

/**
 * The neutral Trace bound to this engine: strategy names from the emulator's and the real
 * engine's own lists, and each source's setup record. Everything outside the engine uses these.
 */

/** A run of the emulator. */
export type EmulatedRun = EmulatedRunOf<EmulatedStrategy, EmulatedSetup>;

/** A run of Node's strategies on this machine. */
export type NodeRun = RealRunOf<RealStrategy, RealSetup>;

/** A run on a real Python interpreter: its strategies are the programs the emulator models. */
export type PythonRun = RealRunOf<EmulatedStrategy, PythonSetup>;

/** A run on this machine, by either runtime (`setup.runtime` tells which). */
export type RealRun = NodeRun | PythonRun;

/** One strategy run on one workload, by either source (`source` tells which). */
export type Run = EmulatedRun | RealRun;

/** A set of runs of the same workload. */
export type Trace = TraceOf<Run, EmulatorParams>;

export function isEmulated(run: Run): run is EmulatedRun {
  return run.source === 'emulated';
}

export function isReal(run: Run): run is RealRun {
  return run.source === 'real';
}

export function isPythonRun(run: Run): run is PythonRun {
  return run.source === 'real' && run.setup.runtime === 'python';
}
