import type { Argv } from 'yargs';
import type { PythonsFlags } from '../actions/pythons.js';

/** Registers `pythons`: the interpreters found (PATH, pyenv, --python) and their GIL; probing them loads when it runs. */
export function pythonsCommand(yargs: Argv): Argv {
  return yargs.command(
    'pythons',
    'list the Python interpreters found (PATH, pyenv, --python) and their GIL',
    (command) =>
      command.options({
        python: { type: 'string', array: true, requiresArg: true, describe: 'also probe this interpreter (repeatable)' },
        json: { type: 'boolean', describe: 'print the list as JSON' },
      }),
    async (argv) => {
      const { listPythons } = await import('../actions/pythons.js');
      listPythons(argv as PythonsFlags);
    },
  );
}
