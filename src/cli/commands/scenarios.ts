import type { Argv } from 'yargs';

/** Registers `scenarios`; the list is read when it runs. */
export function scenariosCommand(yargs: Argv): Argv {
  return yargs.command(
    'scenarios',
    'list the built-in scenarios',
    (command) => command.option('json', { type: 'boolean', describe: 'print them as JSON: name, summary, tasks, machine' }),
    async (argv) => {
      const { listScenarios } = await import('../actions/scenarios.js');
      listScenarios(argv as { json?: boolean });
    },
  );
}
