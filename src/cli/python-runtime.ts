import { availableParallelism } from 'node:os';
import {
  EMULATED_STRATEGIES,
  UsageError,
  calibrationOf,
  calibrationPath,
  loadCalibration,
  twinLayer,
  describeInterpreter,
  formatDuration,
  hasAsyncio,
  planAffinity,
  measureNsPerIteration,
  probeInterpreter,
  startPythonSession,
  type EmulatedStrategy,
  type PythonInterpreter,
  type RealTask,
  type RealSession,
  type Trace,
  type TwinLayer,
} from '../engine/index.js';
import { emulatorCalibration, type EmulatorFlags } from './emulator-options.js';
import { awaitSession } from './await-session.js';
import { resolveRealSetup, type RealFlags } from './real-options.js';
import { parseChoiceList } from './values.js';

/** The flags `run` reads for the Python runtime. */
export interface PythonRunFlags extends RealFlags {
  python?: string | undefined;
  strategy?: string | undefined;
}

/** The strategies of a Python run: the six programs the emulator models; async needs asyncio. */
function pythonStrategies(flags: PythonRunFlags, python: PythonInterpreter): { strategies: EmulatedStrategy[]; notes: string[] } {
  const all = flags.strategy === undefined || flags.strategy === 'all';
  const strategies = parseChoiceList(flags.strategy ?? 'all', 'strategy', EMULATED_STRATEGIES);
  if (hasAsyncio(python) || !strategies.includes('async')) return { strategies, notes: [] };
  const without = `Python ${python.version} has no asyncio (3.5 or later has)`;
  if (!all) throw new UsageError(`--strategy async: ${without}`);
  return { strategies: strategies.filter((strategy) => strategy !== 'async'), notes: [`async left out: ${without}`] };
}

const probed = new Map<string, PythonInterpreter>();

/** The interpreter `--python` names (python3 by default), probed once a process (the dashboard asks on each `R`). */
export function chosenPython(flags: PythonRunFlags): PythonInterpreter {
  const path = flags.python ?? 'python3';
  const python = probed.get(path) ?? probeInterpreter(path);
  probed.set(path, python);
  return python;
}

/**
 * The emulated twin of a real run on `python`: its preset and, with `--calibration machine`,
 * the costs `calibrate --python` measured of it (none stored: the preset alone).
 */
export function pythonTwin(flags: EmulatorFlags, python: PythonInterpreter): TwinLayer {
  if (flags.calibration === undefined || flags.calibration === 'tutorial') return twinLayer(python, null);
  const sizing = emulatorCalibration(flags);
  const measured = calibrationOf(loadCalibration(calibrationPath())?.pythons, python);
  return twinLayer(python, measured === null ? null : { measured, sizingNsPerIteration: sizing.cpythonNsPerIteration });
}

/**
 * Starts the strategies on a real interpreter. Counts are sized in the interpreter's own
 * iterations: a scenario's count of N CPython iterations runs N × scale of them, and `--tasks
 * cpu:D` runs as many as this interpreter does in D × scale (timed now).
 */
export function startPythonRuns(
  flags: PythonRunFlags,
  python: PythonInterpreter,
  strategies: readonly EmulatedStrategy[],
  options: { notes?: string[]; switchIntervalUs?: number; coresAsked?: number | null; repeat?: number } = {},
): { session: RealSession; heading: string } {
  const nsPerIteration = measureNsPerIteration(python);
  // The real counts run on this interpreter: its own cost per iteration sizes them.
  const calibration = {
    cpythonNsPerIteration: nsPerIteration,
    nodeNsPerIteration: nsPerIteration,
    source: `${python.path}, timed just now`,
    nodeSource: 'timed just now',
  };
  const setup = resolveRealSetup(flags, calibration, (tasks) => describeCounts(tasks, python, nsPerIteration));
  const switchIntervalUs = options.switchIntervalUs ?? setup.spec.switchIntervalUs;
  const present = availableParallelism();
  const coresAsked = options.coresAsked ?? null;
  // The interpreter is pinned to the cores asked where it can be (the session says why not).
  const cores = planAffinity(coresAsked).cpus?.length ?? present;
  const onStrategy = (strategy: string) => process.stderr.isTTY && !process.stdout.isTTY && process.stderr.write(`running ${strategy} on ${python.path}…\n`);
  const session = startPythonSession({
    workload: setup.workload,
    notes: [...setup.notes, ...(options.notes ?? [])],
    strategies,
    onStrategy,
    repeat: options.repeat ?? 1,
    spec: {
      python,
      tasks: setup.spec.tasks,
      threads: setup.spec.threads,
      procs: setup.spec.procs,
      switchIntervalUs,
      checkInterval: 100,
      cores: present,
      coresAsked,
      timeoutMs: setup.spec.timeoutUs === undefined ? null : setup.spec.timeoutUs / 1_000,
    },
  });
  const interval = python.gilEnabled && python.major >= 3 ? `, switch interval ${formatDuration(switchIntervalUs)}` : '';
  const timeout = setup.spec.timeoutUs === undefined ? '' : `, timeout ${formatDuration(setup.spec.timeoutUs)}`;
  return { session, heading: `${setup.workload}, real on ${describeInterpreter(python)} (${python.path}), ${cores} cores${interval}${timeout}` };
}

/** `run --runtime python`: the strategies `--strategy` names, in turn, until done or a signal. */
export async function runOnPython(flags: PythonRunFlags, session: { coresAsked: number | null; repeat: number }): Promise<{ trace: Trace; heading: string }> {
  if (flags.gil !== undefined) throw new UsageError('--gil: a real interpreter has its own GIL (see `concur-tui pythons`); --gil is for --runtime node');
  const python = chosenPython(flags);
  const { strategies, notes } = pythonStrategies(flags, python);
  const started = startPythonRuns(flags, python, strategies, { notes, ...session });
  return { trace: await awaitSession(started.session), heading: started.heading };
}

/** The dashboard's strategies a Python can run: async only where asyncio exists (said in a note). */
export function runnableOn(python: PythonInterpreter, strategies: readonly EmulatedStrategy[]): { strategies: EmulatedStrategy[]; notes: string[] } {
  if (hasAsyncio(python) || !strategies.includes('async')) return { strategies: [...strategies], notes: [] };
  return { strategies: strategies.filter((strategy) => strategy !== 'async'), notes: [`async left out: Python ${python.version} has no asyncio`] };
}

function describeCounts(tasks: readonly RealTask[], python: PythonInterpreter, nsPerIteration: number): string | null {
  const counts = tasks.flatMap((task) => task.calls.filter((call) => call.workload === 'count').map((call) => call.argument));
  if (counts.length === 0) return null;
  const largest = Math.max(...counts);
  return (
    `real count: up to ${largest.toLocaleString('en-US')} iterations a task, ≈ ${formatDuration(Math.max(1, Math.round((largest * nsPerIteration) / 1_000)))} ` +
    `on ${python.implementation} ${python.version} at ${nsPerIteration.toFixed(1)} ns/iteration (timed just now)`
  );
}
