import type { Options } from 'yargs';
import {
  DEFAULT_PARAMS,
  GIL_MODES,
  LIMITS,
  POLICIES,
  PRESETS,
  findPreset,
  findScenario,
  formatDuration,
  parseTasks,
  scenarioTasks,
  TUTORIAL_CALIBRATION,
  UsageError,
  calibrationPath,
  loadCalibration,
  toCalibration,
  type EmulationInput,
  type EmulatorParams,
  type Calibration,
} from '../engine/index.js';
import { parseChoice, parseDurationFlag, parseWhole } from './values.js';

/** The emulator's flags, shared by `emulate` and the dashboard. Values are parsed by `resolveParams`. */
export const EMULATOR_OPTIONS = {
  scenario: { type: 'string', requiresArg: true, describe: 'built-in scenario (see `concur-tui scenarios`)', defaultDescription: 'count' },
  tasks: { type: 'string', requiresArg: true, describe: 'tasks: "cpu:10ms+io:5ms+cpu:10ms,io:100ms,30ms@5ms"' },
  cores: { type: 'string', requiresArg: true, describe: 'CPU cores', defaultDescription: String(DEFAULT_PARAMS.cores) },
  quantum: { type: 'string', requiresArg: true, describe: 'OS time slice', defaultDescription: formatDuration(DEFAULT_PARAMS.quantumUs) },
  'switch-cost': { type: 'string', requiresArg: true, describe: 'context-switch cost', defaultDescription: formatDuration(DEFAULT_PARAMS.switchCostUs) },
  policy: { type: 'string', requiresArg: true, describe: `OS scheduling policy: ${POLICIES.join('|')}`, defaultDescription: DEFAULT_PARAMS.policy },
  gil: { type: 'string', requiresArg: true, describe: `GIL: ${GIL_MODES.join('|')}`, defaultDescription: DEFAULT_PARAMS.gil },
  'switch-interval': { type: 'string', requiresArg: true, describe: 'new GIL switch interval', defaultDescription: formatDuration(DEFAULT_PARAMS.switchIntervalUs) },
  'check-interval': { type: 'string', requiresArg: true, describe: 'old GIL check interval (ticks)', defaultDescription: String(DEFAULT_PARAMS.checkInterval) },
  interpreter: { type: 'string', requiresArg: true, describe: `preset: ${PRESETS.map((p) => p.name).join('|')}` },
  'spawn-cost': { type: 'string', requiresArg: true, describe: 'process start-up cost', defaultDescription: formatDuration(DEFAULT_PARAMS.spawnCostUs) },
  workers: { type: 'string', requiresArg: true, describe: 'workers of thread-pool and process-pool', defaultDescription: 'cores' },
  seed: { type: 'string', requiresArg: true, describe: 'seed of the PRNG (old GIL races)', defaultDescription: String(DEFAULT_PARAMS.seed) },
  calibration: {
    type: 'string',
    requiresArg: true,
    describe: "cost of a count iteration: tutorial (CPython's 129.3 ns) or machine (from `concur-tui calibrate`)",
    defaultDescription: 'tutorial',
  },
} as const satisfies Record<string, Options>;

/** The raw flag values as yargs hands them over (strings, or undefined when not given). */
export type EmulatorFlags = { [K in keyof typeof EMULATOR_OPTIONS]?: string | undefined };

const MAX_SEED = 2 ** 32 - 1;

/** Defaults, then the scenario's machine, then the interpreter preset, then explicit flags. */
export function resolveParams(flags: EmulatorFlags, base: Partial<EmulatorParams>): EmulatorParams {
  const params: EmulatorParams = { ...DEFAULT_PARAMS, ...base };
  if (flags.interpreter !== undefined) {
    const name = parseChoice(flags.interpreter, 'interpreter', PRESETS.map((preset) => preset.name));
    const preset = findPreset(name)!;
    params.gil = preset.gil;
    params.switchIntervalUs = preset.switchIntervalUs;
    params.checkInterval = preset.checkInterval;
    params.cpuScalePermille = preset.cpuScalePermille;
  }
  if (flags.cores !== undefined) params.cores = parseWhole(flags.cores, 'cores', 1, LIMITS.cores);
  if (flags.quantum !== undefined) params.quantumUs = parseDurationFlag(flags.quantum, 'quantum', 1);
  if (flags['switch-cost'] !== undefined) params.switchCostUs = parseDurationFlag(flags['switch-cost'], 'switch-cost', 0);
  if (flags.policy !== undefined) params.policy = parseChoice(flags.policy, 'policy', POLICIES);
  if (flags.gil !== undefined) params.gil = parseChoice(flags.gil, 'gil', GIL_MODES);
  if (flags['switch-interval'] !== undefined) {
    params.switchIntervalUs = parseDurationFlag(flags['switch-interval'], 'switch-interval', 1);
  }
  if (flags['check-interval'] !== undefined) {
    params.checkInterval = parseWhole(flags['check-interval'], 'check-interval', 1, LIMITS.checkInterval);
  }
  if (flags['spawn-cost'] !== undefined) params.spawnCostUs = parseDurationFlag(flags['spawn-cost'], 'spawn-cost', 0);
  params.workers = flags.workers === undefined ? params.cores : parseWhole(flags.workers, 'workers', 1, LIMITS.workers);
  if (flags.seed !== undefined) params.seed = parseWhole(flags.seed, 'seed', 0, MAX_SEED);
  return params;
}

/** The tutorial's CPython figure, or this machine's as `concur-tui calibrate` stored it. */
export function emulatorCalibration(flags: EmulatorFlags): Calibration {
  const which = flags.calibration === undefined ? 'tutorial' : parseChoice(flags.calibration, 'calibration', ['tutorial', 'machine'] as const);
  if (which === 'tutorial') return TUTORIAL_CALIBRATION;
  const stored = loadCalibration(calibrationPath());
  if (!stored) throw new UsageError(`--calibration machine: nothing measured yet at ${calibrationPath()}; run \`concur-tui calibrate\` first`);
  if (stored.cpythonNsPerIteration === null) throw new UsageError('--calibration machine: the stored calibration has no CPython figure (python3 was not found)');
  return toCalibration(stored);
}

/** What to emulate: `--tasks`, else `--scenario` (default `count`). */
export function resolveInput(flags: EmulatorFlags, calibration: Calibration): EmulationInput & { machine: Partial<EmulatorParams> } {
  if (flags.tasks !== undefined) {
    return { workload: 'tasks', tasks: parseTasks(flags.tasks), notes: [], machine: {} };
  }
  const scenario = findScenario(flags.scenario ?? 'count');
  const counts = scenario.tasks.some((task) => task.calls.some((call) => call.workload === 'count'));
  const ownCalibration = counts && calibration.cpythonNsPerIteration !== TUTORIAL_CALIBRATION.cpythonNsPerIteration;
  return {
    workload: scenario.name,
    tasks: scenarioTasks(scenario, calibration),
    notes: ownCalibration ? [...scenario.notes, calibrationNote(calibration)] : scenario.notes,
    machine: scenario.machine,
  };
}

/** Says which count cost sized the scenario, so a table made with `--calibration machine` shows it. */
function calibrationNote(calibration: Calibration): string {
  return (
    `--calibration machine: the scenario's loops cost ${calibration.cpythonNsPerIteration} ns an iteration (this machine's CPython, ` +
    `from \`concur-tui calibrate\`), not the tutorial's ${TUTORIAL_CALIBRATION.cpythonNsPerIteration} ns`
  );
}

/** The interpreter preset's remark, when `--interpreter` was given. */
export function presetRemark(flags: EmulatorFlags): string | undefined {
  return flags.interpreter === undefined ? undefined : findPreset(flags.interpreter)?.remark;
}
