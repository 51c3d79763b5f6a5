import {
  EMULATED_STRATEGIES,
  assertNever,
  type PythonInterpreter,
  checkEventBudget,
  gilModel,
  REAL_TWIN,
  startRealSession,
  type EmulatedStrategy,
  type EmulatorParams,
  type RealSession,
  type RealRuntimeName,
  type TwinLayer,
  UsageError,
} from '../engine/index.js';
import type { StartRealRuns } from '../ui/hooks/use-real-runs.js';
import { DASHBOARD_STRATEGIES, initialModel, type Model } from '../ui/state/model.js';
import type { Theme } from '../ui/theme.js';
import { terminalTheme } from './theme-flags.js';
import type { ThemeFlags } from './theme-options.js';
import { emulatorCalibration, flagLayers, resolveInput, type EmulatorFlags } from './emulator-options.js';
import { chosenPython, pythonTwin, runnableOn, startPythonRuns } from './python-runtime.js';
import { machineCalibration, resolveRealSetup, runtimeOf, type RealFlags } from './real-options.js';
import type { ExportFlags } from './export-options.js';
import type { RecordingFlags } from './recording-options.js';
import { inFlagWords } from './refusal-words.js';
import { parseRepeat } from './session-options.js';
import { parseChoiceList, parseDecimal, parseWhole } from './values.js';

export interface DashboardFlags extends EmulatorFlags, Omit<RealFlags, keyof EmulatorFlags>, RecordingFlags, ExportFlags, ThemeFlags {
  strategy?: string;
  runtime?: string;
  python?: string;
  repeat?: string;
  real?: boolean;
  fps?: string;
  speed?: string;
  json?: boolean;
  script?: string;
}

const MAX_FPS = 60;
/** Playback speeds: from slow motion (a 30 ms zoomed window in 80 s) to a whole run in 0.04 s. */
const MIN_SPEED = 0.05;
const MAX_SPEED = 100;

/** The tasks of a scenario (or of the `--tasks` list, under the name `tasks`); its parameters are the model's layers. */
export function setupFor(flags: DashboardFlags) {
  const calibration = emulatorCalibration(flags);
  return (name: string) => ({ input: resolveInput(name === 'tasks' ? flags : { ...flags, scenario: name }, calibration) });
}

/**
 * Real runs for the dashboard: the twins of the strategies shown, with a real GIL on the
 * worker threads whenever the emulator has one and pools of its `--workers`, so both columns
 * are the same experiment.
 */
export function realRunsFor(flags: DashboardFlags, strategies: readonly EmulatedStrategy[]) {
  const calibration = machineCalibration();
  const real = [...new Set(strategies.map((strategy) => REAL_TWIN[strategy]))];
  let latest: RealSession | null = null;
  let python: PythonInterpreter | null = null;
  const start: StartRealRuns = (scenario, params: EmulatorParams, runtime, repeat) => {
    const which = scenario === 'tasks' ? { tasks: flags.tasks } : { scenario };
    const realFlags = { ...flags, ...which, gil: undefined, 'switch-interval': undefined };
    switch (runtime) {
      case 'node': {
        // Pools as large as the emulated ones, unless --threads/--procs say otherwise.
        const setup = resolveRealSetup(realFlags, calibration, undefined, params.workers);
        const gil = gilModel(params.gil).realTwin;
        // The real runs get the emulator's cores (CPU affinity), so both columns run on as many.
        const spec = { ...setup.spec, gil, switchIntervalUs: params.switchIntervalUs, coresAsked: params.cores };
        latest = startRealSession({ ...setup, strategies: real, spec, repeat });
        return latest;
      }
      case 'python': {
        // A real interpreter runs the very programs the emulator shows, with its switch interval.
        python ??= chosenPython(flags);
        const runnable = runnableOn(python, strategies);
        latest = startPythonRuns(realFlags, python, runnable.strategies, {
          notes: runnable.notes,
          switchIntervalUs: params.switchIntervalUs,
          coresAsked: params.cores,
          repeat,
        }).session;
        return latest;
      }
      default:
        return assertNever(runtime, 'runtime');
    }
  };
  /** Stops whatever still runs, so that no worker or child outlives the dashboard. */
  const stopAll = () => latest?.cancel('the dashboard closed') ?? Promise.resolve();
  return { start, stopAll };
}

/** Everything the dashboard needs from the flags, validated. */
export interface DashboardSetup {
  scenario: string;
  strategies: EmulatedStrategy[];
  fps: number;
  initial: Model;
  setupFor: ReturnType<typeof setupFor>;
  theme: Theme;
  /** The emulated twin of each real runtime (key R): on Python, its interpreter's. */
  twinFor: (runtime: RealRuntimeName) => TwinLayer | null;
}

/** The twins of the real runtimes; an interpreter that cannot be probed has none (its real run says why). */
function twinsFor(flags: DashboardFlags) {
  return (runtime: RealRuntimeName): TwinLayer | null => {
    switch (runtime) {
      case 'node':
        return null;
      case 'python':
        try {
          return pythonTwin(flags, chosenPython(flags));
        } catch (error) {
          if (error instanceof UsageError) return null;
          throw error;
        }
      default:
        return assertNever(runtime, 'runtime');
    }
  };
}

export function dashboardSetup(flags: DashboardFlags): DashboardSetup {
  const strategies = parseChoiceList(flags.strategy ?? DASHBOARD_STRATEGIES.join(','), 'strategy', EMULATED_STRATEGIES);
  const fps = flags.fps === undefined ? 15 : parseWhole(flags.fps, 'fps', 1, MAX_FPS);
  const speed = flags.speed === undefined ? 1 : parseDecimal(flags.speed, 'speed', MIN_SPEED, MAX_SPEED);
  const setup = setupFor(flags);
  const scenario = flags.tasks !== undefined ? 'tasks' : (flags.scenario ?? 'count');
  const runtime = runtimeOf(flags);
  // Opened on Python, a bad --python is bad input (exit 2); the twin is in force from the first frame.
  const twin = runtime === 'python' ? pythonTwin(flags, chosenPython(flags)) : null;
  const initial = initialModel({ scenario, layers: { ...flagLayers(flags), twin }, strategies, speed, runtime, repeat: parseRepeat(flags) });
  // Refuse up front what the emulator would refuse, rather than open on an empty picture.
  inFlagWords(() => checkEventBudget(setup(scenario).input.tasks, initial.params, strategies));
  return {
    scenario,
    strategies,
    fps,
    initial,
    setupFor: setup,
    twinFor: twinsFor(flags),
    // A recording or a terminal: colour unless NO_COLOR, Unicode unless --ascii, for the --theme background.
    theme: terminalTheme(flags),
  };
}
