import type { Argv } from 'yargs';
import type { RunFlags } from '../actions/run.js';
import { EXPORT_OPTIONS } from '../export-options.js';
import { withExamples } from '../help-examples.js';
import { REAL_GIL_OPTIONS, REAL_OPTIONS, REAL_STRATEGY_WORDS, RUNTIME_OPTIONS } from '../real-options.js';
import { REAL_CORES_OPTION, REPEAT_OPTION } from '../session-options.js';
import { TASKS_FILE_OPTION, checkOneWorkload, readTasksFile } from '../workload-flags.js';

/** Registers `run`; the real engine and the Python runtime load only when it runs. */
export function runCommand(yargs: Argv): Argv {
  return yargs.command(
    'run',
    'run a workload for real on this machine: Node (the twins of the emulated strategies) or a real Python',
    (command) =>
      withExamples(command, [
        ['$0 run --scenario count', 'threads vs processes on this machine'],
        ['$0 run --strategy threads --gil none', 'a worker thread per task, without a GIL'],
        ['$0 run --runtime python --strategy sequential,threads', "CPython's own GIL, traced thread by thread"],
      ])
        .options({
          scenario: { type: 'string', requiresArg: true, describe: 'built-in scenario (see `concur-tui scenarios`)', defaultDescription: 'count' },
          tasks: { type: 'string', requiresArg: true, describe: 'tasks: cpu phases count, io phases sleep (or query)' },
          strategy: {
            type: 'string',
            requiresArg: true,
            describe: `comma list of ${REAL_STRATEGY_WORDS}, or all: each the twin of the emulated strategy of its name`,
            defaultDescription: 'all',
          },
          ...RUNTIME_OPTIONS,
          ...REAL_GIL_OPTIONS,
          ...REAL_OPTIONS,
          ...REAL_CORES_OPTION,
          ...REPEAT_OPTION,
          json: { type: 'boolean', describe: 'print the trace as JSON' },
          ...EXPORT_OPTIONS,
        })
        .options(TASKS_FILE_OPTION)
        .middleware(readTasksFile, true)
        .check(checkOneWorkload),
    async (argv) => {
      const { runReal } = await import('../actions/run.js');
      await runReal(argv as RunFlags);
    },
  );
}
