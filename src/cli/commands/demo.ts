import type { Argv } from 'yargs';
import { DEMO_TOUR } from '../../ui/script/demo-tour.js';
import { dashboardSetup, type DashboardFlags } from '../dashboard-setup.js';
import { withExamples } from '../help-examples.js';
import { labelAsNumbers } from '../help-labels.js';
import { RECORDING_OPTIONS, castTheme, checkFitsTerminal, checkHasAudience, fixedSize, openCast, terminalSize } from '../recording.js';
import { runScriptedSession } from '../scripted-session.js';
import { screenshotWriter } from '../tape-session.js';

export function demoCommand(yargs: Argv): Argv {
  return yargs.command(
    'demo',
    'a guided tour: sequential, threads and the GIL, processes, async, free-threading, the convoy effect',
    (command) =>
      labelAsNumbers(
        withExamples(command, [['$0 demo --record tour.cast --cols 80 --rows 24', 'a 45-second cast for a talk or a README']])
          .options(RECORDING_OPTIONS)
          .option('ascii', { type: 'boolean', describe: 'ASCII glyphs only (no Unicode blocks)' }),
        ['cols', 'rows'],
      ),
    async (argv) => {
      const flags = argv as DashboardFlags;
      const setup = dashboardSetup({ ascii: flags.ascii });
      const live = Boolean(process.stdout.isTTY && !process.env.CI);
      const fixed = fixedSize(flags, process.stdout);
      checkHasAudience('demo', live, flags);
      if (live) checkFitsTerminal(fixed, process.stdout);
      const size = fixed ?? terminalSize();
      const cast = flags.record === undefined ? null : openCast(flags.record, size, 'concur-tui demo', flags.force ?? false);
      process.exit(await runScriptedSession({ ...setup, theme: castTheme(flags.ascii), size, steps: DEMO_TOUR }, cast, live, screenshotWriter(false)));
    },
  );
}
