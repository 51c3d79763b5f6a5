import type { Options } from 'yargs';
import {
  PARAMS,
  PARAM_NAMES,
  PRESETS,
  findPreset,
  findScenario,
  parseTasks,
  resolveLayers,
  scenarioTasks,
  TUTORIAL_CALIBRATION,
  UsageError,
  calibrationPath,
  loadCalibration,
  toCalibration,
  type EmulationInput,
  type EmulatorParams,
  type Calibration,
  type ParamLayers,
  type ParamName,
  type ParamSpec,
} from '../engine/descriptors.js';
import { parseChoice, parseParamFlag } from './values.js';

/** A parameter's flag, generated from its schema entry (values are parsed by `resolveParams`). */
function paramOption<N extends ParamName>(name: N) {
  const spec: ParamSpec = PARAMS[name];
  const { describe, defaultDescription } = spec;
  const alias = spec.aliases === undefined ? {} : { alias: [...spec.aliases] };
  return { type: 'string', requiresArg: true, describe, defaultDescription, ...alias } as const satisfies Options;
}

/** The emulator's flags, shared by `emulate` and the dashboard. */
export const EMULATOR_OPTIONS = {
  scenario: { type: 'string', requiresArg: true, describe: 'built-in scenario (see `concur-tui scenarios`)', defaultDescription: 'count' },
  tasks: { type: 'string', requiresArg: true, describe: 'tasks: "cpu:10ms+io:5ms+cpu:10ms,io:100ms,30ms@5ms"' },
  cores: paramOption('cores'),
  quantum: paramOption('quantum'),
  'switch-cost': paramOption('switch-cost'),
  policy: paramOption('policy'),
  gil: paramOption('gil'),
  'switch-interval': paramOption('switch-interval'),
  'check-interval': paramOption('check-interval'),
  interpreter: { type: 'string', requiresArg: true, describe: `preset: ${PRESETS.map((p) => `${p.name} (${p.basis})`).join('; ')}` },
  'spawn-cost': paramOption('spawn-cost'),
  'thread-spawn-cost': paramOption('thread-spawn-cost'),
  'interpreter-spawn-cost': paramOption('interpreter-spawn-cost'),
  workers: paramOption('workers'),
  seed: paramOption('seed'),
  calibration: {
    type: 'string',
    requiresArg: true,
    describe: "cost of a count iteration: tutorial (CPython's 129.3 ns) or machine (from `concur-tui calibrate`)",
    defaultDescription: 'tutorial',
  },
} as const satisfies Record<string, Options> & Record<ParamName, Options>;

/** The raw flag values as yargs hands them over (strings, or undefined when not given). */
export type EmulatorFlags = { [K in keyof typeof EMULATOR_OPTIONS]?: string | undefined };

/** The command line's layers of parameters: the `--interpreter` preset, and the parameters given as flags. */
export function flagLayers(flags: EmulatorFlags): ParamLayers {
  const preset =
    flags.interpreter === undefined
      ? null
      : parseChoice(
          flags.interpreter,
          'interpreter',
          PRESETS.map((p) => p.name),
        );
  const given: Partial<Record<keyof EmulatorParams, number | string>> = {};
  for (const name of PARAM_NAMES) {
    const text = flags[name];
    if (text !== undefined) given[PARAMS[name].field] = parseParamFlag(name, text);
  }
  return { twin: null, calibrated: machineStartup(flags), preset, flags: given as Partial<EmulatorParams>, keys: {} };
}

/**
 * Under `--calibration machine`, the start-up costs `calibrate` measured here: a worker thread's
 * for threads and thread-pool, a child's for processes and process-pool (a flag still wins).
 * Without it (or without a measurement) the built-in figures stay, as `--help` says.
 */
function machineStartup(flags: EmulatorFlags): Partial<EmulatorParams> {
  if (flags.calibration !== 'machine') return {};
  const startup = loadCalibration(calibrationPath())?.startup;
  return startup ? { threadSpawnCostUs: startup.threadUs, spawnCostUs: startup.processUs } : {};
}

/** The parameters for a scenario (or `tasks`): defaults, its machine, the preset, then the flags (see ParamLayers). */
export function resolveParams(flags: EmulatorFlags, scenario: string): EmulatorParams {
  return resolveLayers(flagLayers(flags), scenario);
}

/** The tutorial's CPython figure, or this machine's as `concur-tui calibrate` stored it. */
export function emulatorCalibration(flags: EmulatorFlags): Calibration {
  const which = flags.calibration === undefined ? 'tutorial' : parseChoice(flags.calibration, 'calibration', ['tutorial', 'machine'] as const);
  if (which === 'tutorial') return TUTORIAL_CALIBRATION;
  const stored = loadCalibration(calibrationPath());
  if (!stored) throw new UsageError(`--calibration machine: nothing measured yet at ${calibrationPath()}; run \`concur-tui calibrate\` first`);
  if (stored.cpythonNsPerIteration === null)
    throw new UsageError('--calibration machine: the stored calibration has no CPython figure (python3 was not found)');
  return toCalibration(stored);
}

/** What to emulate: `--tasks`, else `--scenario` (default `count`). */
export function resolveInput(flags: EmulatorFlags, calibration: Calibration): EmulationInput {
  if (flags.tasks !== undefined) {
    return { workload: 'tasks', tasks: parseTasks(flags.tasks), notes: [] };
  }
  const scenario = findScenario(flags.scenario ?? 'count');
  const counts = scenario.tasks.some((task) => task.calls.some((call) => call.workload === 'count'));
  const ownCalibration = counts && calibration.cpythonNsPerIteration !== TUTORIAL_CALIBRATION.cpythonNsPerIteration;
  return {
    workload: scenario.name,
    tasks: scenarioTasks(scenario, calibration),
    notes: ownCalibration ? [...scenario.notes, calibrationNote(calibration)] : scenario.notes,
  };
}

/** Says which count cost sized the scenario, so a table made with `--calibration machine` shows it. */
function calibrationNote(calibration: Calibration): string {
  return (
    `--calibration machine: the scenario's loops cost ${calibration.cpythonNsPerIteration} ns an iteration (this machine's CPython, ` +
    `from \`concur-tui calibrate\`), not the tutorial's ${TUTORIAL_CALIBRATION.cpythonNsPerIteration} ns`
  );
}

/** The interpreter preset's remark and what its figures come from, when `--interpreter` was given. */
export function presetRemark(flags: EmulatorFlags): string | undefined {
  const preset = flags.interpreter === undefined ? undefined : findPreset(flags.interpreter);
  return preset === undefined ? undefined : `${preset.remark} (from: ${preset.basis})`;
}
