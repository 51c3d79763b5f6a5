import type { Argv } from 'yargs';
import type { EmulateFlags } from '../actions/emulate.js';
import { EMULATED_STRATEGIES } from '../../engine/descriptors.js';
import { EMULATOR_OPTIONS } from '../emulator-options.js';
import { withExamples } from '../help-examples.js';
import { EXPORT_OPTIONS } from '../export-options.js';
import { TASKS_FILE_OPTION, checkOneWorkload, readTasksFile } from '../workload-flags.js';

/** Registers `emulate`; what it does (the emulator, the table, the exporters) loads only when it runs. */
export function emulateCommand(yargs: Argv): Argv {
  return yargs.command(
    'emulate',
    'replay a workload on the CPython scheduler emulator (deterministic)',
    (command) =>
      withExamples(command, [
        ['$0 emulate --scenario count', 'threads vs processes under the GIL'],
        ['$0 emulate --tasks 5ms,5ms,5ms --cores 1 --quantum 1ms --gil none', 'round-robin on one core: 1 ms time slices, no GIL'],
      ])
        .options(EMULATOR_OPTIONS)
        .option('strategy', {
          type: 'string',
          requiresArg: true,
          describe: `comma list of ${EMULATED_STRATEGIES.join(', ')}, or all`,
          defaultDescription: 'all',
        })
        .option('json', { type: 'boolean', describe: 'print the trace as JSON' })
        .options(EXPORT_OPTIONS)
        .options(TASKS_FILE_OPTION)
        .middleware(readTasksFile, true)
        .check(checkOneWorkload),
    async (argv) => {
      const { runEmulate } = await import('../actions/emulate.js');
      await runEmulate(argv as EmulateFlags);
    },
  );
}
