import type { ChildProcess } from 'node:child_process';
import type { Argv } from 'yargs';
import type { DashboardFlags } from '../dashboard-setup.js';
import { DASHBOARD_STRATEGIES } from '../../ui/state/dashboard-strategies.js';
import { isInteractive } from '../early-emulation.js';
import { EMULATOR_OPTIONS } from '../emulator-options.js';
import { withExamples } from '../help-examples.js';
import { groupFlags, labelAsNumbers } from '../help-labels.js';
import { EXPORT_OPTIONS } from '../export-options.js';
import { REAL_OPTIONS, RUNTIME_OPTIONS } from '../real-options.js';
import { RECORDING_OPTIONS } from '../recording-options.js';
import { THEME_OPTIONS } from '../theme-options.js';
import { REPEAT_OPTION } from '../session-options.js';
import { TASKS_FILE_OPTION, checkOneWorkload, readTasksFile } from '../workload-flags.js';

/** The dashboard's flags under headings, for --help. */
const FLAG_GROUPS = [
  ['Emulator:', Object.keys(EMULATOR_OPTIONS)],
  ['Real runs:', ['real', 'runtime', 'python', ...Object.keys(REAL_OPTIONS), ...Object.keys(REPEAT_OPTION)]],
  ['Display:', ['strategy', 'fps', 'speed', 'ascii', 'theme', 'json']],
  ['Recording and export:', ['record', 'cols', 'rows', 'script', ...Object.keys(EXPORT_OPTIONS)]],
] as const;

/**
 * Registers the dashboard, the default command (also `concur-tui dashboard`); the UI loads only when it runs.
 * @param brief for the root help (`concur-tui --help`), whose usage points to `concur-tui help
 *   dashboard` for these flags: hidden there, so the root help fits a screen.
 * @param spare the emulation process main.ts started ahead for a live dashboard, or null.
 */
export function dashboardCommand(yargs: Argv, { brief, spare }: { brief: boolean; spare: ChildProcess | null }): Argv {
  return yargs.command(
    ['dashboard', '$0'],
    'open the dashboard on a scenario (default: count)',
    (command) => {
      const withFlags = withExamples(command, [
        ['$0 --record demo.cast --cols 80 --rows 24', 'record a cast of the dashboard'],
        ['$0 --script demo.tape --record demo.cast', 'a reproducible cast from timed key presses'],
      ])
        .options(EMULATOR_OPTIONS)
        .option('strategy', { type: 'string', requiresArg: true, describe: 'strategies to show, or all', defaultDescription: DASHBOARD_STRATEGIES.join(',') })
        .option('fps', { type: 'string', requiresArg: true, describe: 'most frames a second', defaultDescription: '15' })
        .option('speed', {
          type: 'string',
          requiresArg: true,
          describe: 'playback speed, 0.05 to 100 (1: the longest run, or the zoomed window, plays in 4 s)',
          defaultDescription: '1',
        })
        .options(THEME_OPTIONS)
        .option('real', { type: 'boolean', describe: 'start the real runs when the dashboard opens (else press r)' })
        .options(REAL_OPTIONS)
        .options(REPEAT_OPTION)
        .options(RUNTIME_OPTIONS)
        .options(RECORDING_OPTIONS)
        .options(EXPORT_OPTIONS)
        // After both option sets: here --force covers a recording and an export alike.
        .option('force', { type: 'boolean', describe: 'overwrite an existing --record or --export file' })
        .option('script', { type: 'string', requiresArg: true, describe: 'drive the dashboard from a VHS tape (its Output FILE.cast records it)' })
        .option('json', { type: 'boolean', describe: 'when not a terminal: print the trace as JSON' })
        .options(TASKS_FILE_OPTION)
        .middleware(readTasksFile, true)
        .check(checkOneWorkload);
      const labelled = labelAsNumbers(withFlags, ['fps', 'speed', 'cols', 'rows']);
      if (!brief) return groupFlags(labelled, FLAG_GROUPS);
      let hidden = labelled;
      for (const key of FLAG_GROUPS.flatMap(([, keys]) => keys)) hidden = hidden.hide(key);
      return hidden;
    },
    async (argv) => {
      const flags = argv as DashboardFlags;
      // A live dashboard's first picture is emulated in another process: started before the
      // dashboard's own code loads (main.ts starts it before the parse), its start-up and that
      // loading overlap (two cores or more).
      const emulation =
        isInteractive() && flags.script === undefined ? (spare ?? (await import('../../ui/emulation-process.js')).spawnEmulationProcess()) : null;
      const { openDashboard } = await import('../actions/dashboard.js');
      await openDashboard(flags, emulation);
    },
  );
}
