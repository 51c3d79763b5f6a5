import type { Argv } from 'yargs';
import { EMULATED_STRATEGIES, REAL_TWIN, TUTORIAL_CALIBRATION, emulate, startRealSession, type EmulatedStrategy, type EmulatorParams, type RealSession } from '../../engine/index.js';
import type { StartRealRuns } from '../../ui/hooks/use-real-runs.js';
import { DASHBOARD_STRATEGIES, initialModel } from '../../ui/state/model.js';
import { runDashboard } from '../../ui/run-dashboard.js';
import { themeFromEnvironment } from '../../ui/theme.js';
import { EMULATOR_OPTIONS, presetRemark, resolveInput, resolveParams, type EmulatorFlags } from '../emulator-options.js';
import { REAL_OPTIONS, machineCalibration, resolveRealSetup, type RealFlags } from '../real-options.js';
import { formatRunTable } from '../text-table.js';
import { parseChoiceList, parseWhole } from '../values.js';

interface DashboardFlags extends EmulatorFlags, Omit<RealFlags, keyof EmulatorFlags> {
  strategy?: string;
  real?: boolean;
  fps?: string;
  speed?: string;
  ascii?: boolean;
  json?: boolean;
}

const MAX_FPS = 60;
const MAX_SPEED = 100;

/** The scenario (or `--tasks` list) under a name, with the flags applied over its own machine. */
function setupFor(flags: DashboardFlags) {
  return (name: string) => {
    const input = resolveInput(name === 'tasks' ? flags : { ...flags, scenario: name }, TUTORIAL_CALIBRATION);
    const params: EmulatorParams = resolveParams(flags, input.machine);
    return { input, params };
  };
}

/**
 * Real runs for the dashboard: the twins of the strategies shown, with a real GIL on the
 * worker threads whenever the emulator has one, so both columns are the same experiment.
 */
function realRunsFor(flags: DashboardFlags, strategies: readonly EmulatedStrategy[]) {
  const calibration = machineCalibration();
  const real = [...new Set(strategies.map((strategy) => REAL_TWIN[strategy]))];
  let latest: RealSession | null = null;
  const start: StartRealRuns = (scenario, params: EmulatorParams) => {
    const which = scenario === 'tasks' ? { tasks: flags.tasks } : { scenario };
    const setup = resolveRealSetup({ ...flags, ...which, gil: undefined, 'switch-interval': undefined }, calibration);
    const gil = params.gil === 'none' ? 'none' : 'new';
    latest = startRealSession({ ...setup, strategies: real, spec: { ...setup.spec, gil, switchIntervalUs: params.switchIntervalUs } });
    return latest;
  };
  /** Stops whatever still runs, so that no worker or child outlives the dashboard. */
  const stopAll = () => latest?.cancel('the dashboard closed') ?? Promise.resolve();
  return { start, stopAll };
}

export function dashboardCommand(yargs: Argv): Argv {
  return yargs.command(
    '$0',
    'open the dashboard on a scenario (default: count)',
    (command) =>
      command
        .options(EMULATOR_OPTIONS)
        .option('strategy', { type: 'string', requiresArg: true, describe: 'strategies to show, or all', defaultDescription: DASHBOARD_STRATEGIES.join(',') })
        .option('fps', { type: 'string', requiresArg: true, describe: 'most frames a second', defaultDescription: '15' })
        .option('speed', { type: 'string', requiresArg: true, describe: 'playback speed (1: the longest run plays in 4 s)', defaultDescription: '1' })
        .option('ascii', { type: 'boolean', describe: 'ASCII glyphs only (no Unicode blocks)' })
        .option('real', { type: 'boolean', describe: 'start the real runs when the dashboard opens (else press r)' })
        .options(REAL_OPTIONS)
        .option('json', { type: 'boolean', describe: 'when not a terminal: print the trace as JSON' }),
    async (argv) => {
      const flags = argv as DashboardFlags;
      const strategies = parseChoiceList(flags.strategy ?? DASHBOARD_STRATEGIES.join(','), 'strategy', EMULATED_STRATEGIES);
      const fps = flags.fps === undefined ? 15 : parseWhole(flags.fps, 'fps', 1, MAX_FPS);
      const speed = flags.speed === undefined ? 1 : parseWhole(flags.speed, 'speed', 1, MAX_SPEED);
      const setup = setupFor(flags);
      const scenario = flags.tasks !== undefined ? 'tasks' : (flags.scenario ?? 'count');
      const { input, params } = setup(scenario);
      const interactive = process.stdout.isTTY && process.stdin.isTTY && !process.env.CI;
      const realRuns = realRunsFor(flags, strategies);
      if (!interactive) {
        // No live UI without a terminal (a pipe, CI): the final picture as a table, or JSON.
        const trace = emulate(input, strategies, params);
        if (flags.real) {
          const real = await realRuns.start(scenario, params).done;
          trace.runs.push(...real.runs);
          trace.notes.push(...real.notes);
        }
        const remark = presetRemark(flags);
        if (remark) trace.notes.unshift(`${flags.interpreter}: ${remark}`);
        process.stdout.write(flags.json ? `${JSON.stringify(trace)}\n` : `${formatRunTable(trace)}\n`);
        return;
      }
      const theme = themeFromEnvironment(process.env, { ascii: flags.ascii, isTTY: true });
      const initial = initialModel({ scenario, params, interpreter: flags.interpreter ?? null, strategies, speed });
      const code = await runDashboard({ initial, setupFor: setup, theme, fps, startRealRuns: realRuns.start, realOnStart: flags.real ?? false });
      await realRuns.stopAll();
      process.exit(code);
    },
  );
}
