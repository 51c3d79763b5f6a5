import type { Argv } from 'yargs';
import { UsageError } from '../../engine/descriptors.js';
import { unknownCommandMessage } from '../command-suggestion.js';

/**
 * Registers `help [command]` (as gh, kubectl and npm have it): the same text as `COMMAND --help`.
 * @param showHelp prints the help of a command line (`[]` is the root help), as `--help` would.
 */
export function helpCommand(yargs: Argv, commands: readonly string[], showHelp: (words: string[]) => Promise<void>): Argv {
  return yargs.command(
    'help [command]',
    'show the help of a command (the same as COMMAND --help)',
    (command) => command.positional('command', { type: 'string', describe: `one of ${commands.join(', ')}` }),
    async (argv) => {
      const name = argv.command as string | undefined;
      if (name !== undefined && !commands.includes(name)) throw new UsageError(unknownCommandMessage(name, commands));
      await showHelp(name === undefined ? [] : [name]);
    },
  );
}
