import type { Options } from 'yargs';
import {
  DEFAULT_PARAMS,
  GIL_MODEL_LIST,
  NO_LAYERS,
  REAL_RUNTIMES,
  REAL_STRATEGIES,
  PARAMS,
  TUTORIAL_CALIBRATION,
  UsageError,
  calibrationPath,
  describeRealCounts,
  findScenario,
  gilModel,
  loadCalibration,
  parseTasks,
  quote,
  realTasksFromScenario,
  realTasksFromSpecs,
  resolveLayers,
  toCalibration,
  type Calibration,
  type RealRunSpec,
  type RealRuntimeName,
  REAL_STRATEGY_ALIASES,
  realStrategyNamed,
  type RealStrategy,
  type RealTask,
} from '../engine/descriptors.js';
import { parseChoice, parseChoiceList, parseDurationFlag, parseParamFlag, parseWhole } from './values.js';

/** Most worker threads or child processes one run may start. */
export const MAX_EXECUTORS = 256;
const MAX_SCALE = 100;

const aliasWords = Object.entries(REAL_STRATEGY_ALIASES)
  .map(([alias, name]) => `${alias} = ${name}`)
  .join(', ');

/** `run --strategy`'s words for the real strategies (Node's and a Python's have the same names). */
export const REAL_STRATEGY_WORDS = `${REAL_STRATEGIES.join(', ')} (old names: ${aliasWords})`;

/** A `--strategy` list of real strategies, old names resolved to the new ones. */
export function parseRealStrategies(text: string): RealStrategy[] {
  const names = text
    .split(',')
    .map((name) => realStrategyNamed(name.trim()))
    .join(',');
  return parseChoiceList(names, 'strategy', REAL_STRATEGIES);
}

/** Flags of real runs, shared by `run` and the dashboard. */
export const REAL_OPTIONS = {
  threads: { type: 'string', requiresArg: true, describe: 'worker threads of the real thread-pool', defaultDescription: 'its twin’s workers' },
  procs: { type: 'string', requiresArg: true, describe: 'child processes of the real process-pool', defaultDescription: 'its twin’s workers' },
  io: { type: 'string', requiresArg: true, describe: 'what io: phases of --tasks do for real: sleep|query', defaultDescription: 'sleep' },
  scale: {
    type: 'string',
    requiresArg: true,
    describe: "real durations as a fraction of CPython's (e.g. 0.1)",
    defaultDescription: 'the scenario’s (count: 0.1), else 1',
  },
  timeout: { type: 'string', requiresArg: true, describe: 'end a real run after this long; unfinished tasks fail' },
} as const satisfies Record<string, Options>;

/** Where real runs run: Node, or a real Python interpreter (`run` and the dashboard). */
export const RUNTIME_OPTIONS = {
  runtime: {
    type: 'string',
    requiresArg: true,
    describe: `what runs real work: ${REAL_RUNTIMES.join(' or ')}`,
    defaultDescription: 'node, or python with --python',
  },
  python: { type: 'string', requiresArg: true, describe: 'the interpreter of --runtime python (see `concur-tui pythons`)', defaultDescription: 'python3' },
} as const satisfies Record<string, Options>;

/** `--python PATH` alone means the Python runtime; with `--runtime node` it is a contradiction. */
export function runtimeOf(flags: { runtime?: string | undefined; python?: string | undefined }): RealRuntimeName {
  const runtime = flags.runtime === undefined ? (flags.python === undefined ? 'node' : 'python') : parseChoice(flags.runtime, 'runtime', REAL_RUNTIMES);
  if (runtime === 'node' && flags.python !== undefined) throw new UsageError('--python names the interpreter of --runtime python, not of --runtime node');
  return runtime;
}

/** The real GILs: the real twins of the emulator's GIL models (real/gil-lock.ts has one lock). */
const REAL_GILS = [...new Set(GIL_MODEL_LIST.map((model) => model.realTwin))];
/** `run`'s GIL when none is given: the real twin of the emulator's default, as in the dashboard. */
const REAL_GIL_DEFAULT = gilModel(DEFAULT_PARAMS.gil).realTwin;

/** `run`'s own GIL flags; the switch interval means what the emulator's does (one schema entry). */
export const REAL_GIL_OPTIONS = {
  gil: {
    type: 'string',
    requiresArg: true,
    describe: `${REAL_GILS.join(' (Node) or ')}: the threads of threads and thread-pool share a CPython-like GIL`,
    // The dashboard's default too (the emulator's GIL), so both tell the same lesson.
    defaultDescription: `${REAL_GIL_DEFAULT}, as in the dashboard`,
  },
  'switch-interval': {
    type: 'string',
    requiresArg: true,
    describe: 'switch interval of the real GIL',
    defaultDescription: PARAMS['switch-interval'].defaultDescription,
  },
} as const satisfies Record<string, Options>;

export type RealFlags = { [K in keyof typeof REAL_OPTIONS]?: string | undefined } & {
  scenario?: string | undefined;
  tasks?: string | undefined;
  gil?: string | undefined;
  'switch-interval'?: string | undefined;
};

/** This machine's cost per count iteration, from `concur-tui calibrate` if it was run. */
export function machineCalibration(): Calibration {
  const stored = loadCalibration(calibrationPath());
  return stored ? toCalibration(stored) : TUTORIAL_CALIBRATION;
}

/** What a real run needs besides the strategy, and the notes to print beside it. */
export interface RealSetup {
  workload: string;
  notes: string[];
  spec: Omit<RealRunSpec, 'strategy'>;
}

/** A plain decimal (`0.1`, `2`, `1e-3`): Number() alone would also take `0x10`, `0b11` and ` 1 `. */
const DECIMAL = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseScaleFlag(text: string): number {
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0 || value > MAX_SCALE) {
    throw new UsageError(`--scale: ${quote(text)} must be a number above 0 and at most ${MAX_SCALE}`);
  }
  return value;
}

/**
 * The tasks, notes and executors of a real run. `describeCounts` words the note on the real
 * counts (the Python runtime names its interpreter instead of Node).
 */
export function resolveRealSetup(
  flags: RealFlags,
  calibration: Calibration,
  describeCounts = (tasks: readonly RealTask[]) => describeRealCounts(tasks, calibration),
  twinWorkers?: number,
): RealSetup {
  const io = flags.io === undefined ? 'sleep' : parseChoice(flags.io, 'io', ['sleep', 'query'] as const);
  let tasks: RealTask[];
  let workload: string;
  const notes: string[] = [];
  if (flags.tasks !== undefined) {
    const scale = flags.scale === undefined ? 1 : parseScaleFlag(flags.scale);
    tasks = realTasksFromSpecs(parseTasks(flags.tasks), { scale, calibration, io });
    workload = 'tasks';
  } else {
    const scenario = findScenario(flags.scenario ?? 'count');
    const scale = flags.scale === undefined ? (scenario.realScale ?? 1) : parseScaleFlag(flags.scale);
    tasks = realTasksFromScenario(scenario, { scale, calibration, io });
    workload = scenario.name;
    if (scale !== 1) notes.push(`real runs are scaled to ${scale}× CPython's durations (--scale)`);
  }
  const counts = describeCounts(tasks);
  if (counts) notes.push(counts);
  // The pools' size is their emulated twins' (`--workers`, following the scenario's cores).
  const workers = twinWorkers ?? resolveLayers(NO_LAYERS, workload).workers;
  return {
    workload,
    notes,
    spec: {
      tasks,
      workers,
      threads: flags.threads === undefined ? workers : parseWhole(flags.threads, 'threads', 1, MAX_EXECUTORS),
      procs: flags.procs === undefined ? workers : parseWhole(flags.procs, 'procs', 1, MAX_EXECUTORS),
      gil: flags.gil === undefined ? REAL_GIL_DEFAULT : parseChoice(flags.gil, 'gil', REAL_GILS),
      switchIntervalUs:
        flags['switch-interval'] === undefined ? DEFAULT_PARAMS.switchIntervalUs : (parseParamFlag('switch-interval', flags['switch-interval']) as number),
      timeoutUs: flags.timeout === undefined ? undefined : parseDurationFlag(flags.timeout, 'timeout', 1_000),
    },
  };
}
