import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeInterpreter, isolationFlags, type PythonInterpreter } from './interpreter.js';
import { startPythonRun } from './python-run.js';
import { medianHoldUs } from './hold-period.js';

/** What `calibrate --python PATH` measured of one interpreter (stored in calibration.json's `pythons`). */
export interface PythonCalibration {
  /** The interpreter as named on screen (`CPython 3.11.7, GIL`): the key it is found by again. */
  interpreter: string;
  /** The path it was measured at. */
  path: string;
  /** Median cost of one iteration of the tutorial's loop (the harness's own `count`). */
  nsPerIteration: number;
  /** Median time from `Thread.start()` to the first line of the thread's code. */
  threadStartUs: number;
  /** The same for a `multiprocessing` process started by fork, and by spawn (null where there is no spawn: 2.7). */
  forkStartUs: number;
  spawnStartUs: number | null;
  /** multiprocessing's default start method there (`fork`, `spawn`, `forkserver`). */
  startMethod: string;
  /** The default switch interval (null without one: 2.7's GIL counts ticks, a free-threaded build has none). */
  switchIntervalUs: number | null;
  /** Median GIL hold period of two CPU threads at that interval, traced as a real run is (null where there is no interval). */
  holdUs: number | null;
  /**
   * Median time from `_interpreters.create()` to the end of a first statement in it: a
   * subinterpreter's start (null before 3.13; absent in calibrations stored before it was measured).
   */
  interpreterStartUs?: number | null;
}

const SCRIPT = fileURLToPath(new URL('../../workloads/python/calibrate.py', import.meta.url));
const TIMEOUT_MS = 180_000;
/** How long each of the two CPU threads counts while the hold period is traced. */
const HOLD_RUN_US = 1_000_000;

/** What calibrate.py prints (its fields are checked before use). */
type ScriptResult = Omit<PythonCalibration, 'interpreter' | 'path' | 'holdUs'>;

function runScript(python: PythonInterpreter, iterations: number): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const args = [...isolationFlags(python), SCRIPT, String(iterations)];
    execFile(python.path, args, { timeout: TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${python.path} could not be calibrated: ${stderr.trim().split('\n').at(-1) || error.message}`));
      try {
        resolve(checked(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>));
      } catch {
        reject(new Error(`${python.path} printed an unexpected calibration: ${JSON.stringify(stdout.trim().slice(0, 200))}`));
      }
    });
  });
}

const positive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

function checked(data: Record<string, unknown>): ScriptResult {
  const { nsPerIteration, threadStartUs, forkStartUs, spawnStartUs, startMethod, switchIntervalUs } = data;
  const interpreterStartUs = data.interpreterStartUs ?? null;
  const ok =
    positive(nsPerIteration) &&
    positive(threadStartUs) &&
    positive(forkStartUs) &&
    (spawnStartUs === null || positive(spawnStartUs)) &&
    typeof startMethod === 'string' &&
    (switchIntervalUs === null || positive(switchIntervalUs)) &&
    (interpreterStartUs === null || positive(interpreterStartUs));
  if (!ok) throw new Error('bad calibration fields');
  return { nsPerIteration, threadStartUs, forkStartUs, spawnStartUs, startMethod, switchIntervalUs, interpreterStartUs };
}

/** The median hold period of two CPU threads at `switchIntervalUs`, from a traced real run. */
async function holdPeriodUs(python: PythonInterpreter, nsPerIteration: number, switchIntervalUs: number): Promise<number> {
  const iterations = Math.max(1_000, Math.round((HOLD_RUN_US * 1_000) / nsPerIteration));
  const count = { workload: 'count', argument: iterations } as const;
  const tasks = [0, 1].map((i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls: [count] }));
  const run = await startPythonRun({ python, strategy: 'threads', tasks, workers: 2, switchIntervalUs, checkInterval: 100, cores: 2, database: null }).done;
  const failed = run.tasks.find((task) => task.error !== undefined);
  if (failed) throw new Error(`${python.path}: the hold-period run failed: ${failed.error}`);
  return medianHoldUs(run);
}

/**
 * Measures `python`: its loop, thread and process start-up (fork and spawn), and — where it has
 * a GIL with a switch interval — the GIL hold period at its default interval, traced with the
 * same sampler as every real run, so the figure means what a real run's hand-offs mean.
 */
export async function calibratePython(python: PythonInterpreter, iterations = 10_000_000): Promise<PythonCalibration> {
  const measured = await runScript(python, iterations);
  const interval = python.gilEnabled ? measured.switchIntervalUs : null;
  const holdUs = interval === null ? null : await holdPeriodUs(python, measured.nsPerIteration, Math.round(interval));
  return {
    interpreter: describeInterpreter(python),
    path: python.path,
    ...measured,
    switchIntervalUs: interval,
    holdUs: holdUs === null || Number.isNaN(holdUs) ? null : holdUs,
  };
}

/** The stored calibration of `python` (the same interpreter, wherever it was measured), or null. */
export function calibrationOf(pythons: readonly PythonCalibration[] | undefined, python: PythonInterpreter): PythonCalibration | null {
  const name = describeInterpreter(python);
  return pythons?.find((entry) => entry.interpreter === name) ?? null;
}

/** `pythons` with `entry` in place of any earlier calibration of the same interpreter. */
export function withCalibration(pythons: readonly PythonCalibration[] | undefined, entry: PythonCalibration): PythonCalibration[] {
  return [...(pythons ?? []).filter((other) => other.interpreter !== entry.interpreter), entry];
}
