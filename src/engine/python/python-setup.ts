import { strategyOf } from '../registry/strategies.js';
import { describeInterpreter } from './interpreter.js';
import type { PythonRunSpec } from './python-run.js';

/**
 * What a real Python run was made with, stored on the run (the Python twin of real-setup.ts):
 * which interpreter, its GIL, the switch interval it was given, the pool size, the cores.
 */
export interface PythonSetup {
  runtime: 'python';
  /** How the interpreter is named on screen, e.g. `CPython 3.11.7, GIL`. */
  interpreter: string;
  /** Its path, as found or given. */
  path: string;
  /** True when the interpreter ran with a GIL. */
  gil: boolean;
  /** `sys.setswitchinterval` (3.x) or, on 2.7, the check interval in ticks. */
  switchIntervalUs?: number;
  checkInterval?: number;
  /** Workers of thread-pool and process-pool. */
  workers?: number;
  /** Cores the run could use, and the ones asked for (null: none asked). */
  coresGranted: number;
  coresAsked: number | null;
  timeoutUs?: number;
}

/** The setup record of a run of `spec`: only what shapes that run. */
export function pythonSetup(spec: PythonRunSpec): PythonSetup {
  const setup: PythonSetup = {
    runtime: 'python',
    interpreter: describeInterpreter(spec.python),
    path: spec.python.path,
    gil: spec.python.gilEnabled,
    coresGranted: spec.cores,
    coresAsked: spec.coresAsked ?? null,
  };
  // 3.x takes a switch interval; 2.7's GIL counts ticks instead.
  if (spec.python.gilEnabled && spec.python.major >= 3) setup.switchIntervalUs = spec.switchIntervalUs;
  if (spec.python.gilEnabled && spec.python.major === 2) setup.checkInterval = spec.checkInterval;
  if (strategyOf(spec.strategy).pooled) setup.workers = spec.workers;
  if (spec.timeoutMs != null) setup.timeoutUs = spec.timeoutMs * 1_000;
  return setup;
}
