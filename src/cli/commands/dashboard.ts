import type { Argv } from 'yargs';
import { EMULATOR_OPTIONS } from '../emulator-options.js';
import { formatRunTable } from '../text-table.js';
import { emulateFromFlags, type EmulateFlags } from './emulate.js';

/**
 * The default command. The live dashboard is not built yet (issue 4), so this prints what the
 * dashboard prints when stdout is not a terminal: the final table of the scenario.
 */
export function dashboardCommand(yargs: Argv): Argv {
  return yargs.command(
    '$0',
    'open the dashboard on a scenario (default: count)',
    (command) => command.options(EMULATOR_OPTIONS),
    (argv) => {
      process.stdout.write(`${formatRunTable(emulateFromFlags(argv as EmulateFlags))}\n`);
    },
  );
}
