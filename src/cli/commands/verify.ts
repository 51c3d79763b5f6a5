import type { Argv } from 'yargs';
import type { VerifyFlags } from '../actions/verify.js';
import { withExamples } from '../help-examples.js';

/** Registers `verify`; the Python runtime and the battery load only when it runs. */
export function verifyCommand(yargs: Argv): Argv {
  return yargs.command(
    'verify',
    'check the emulator against real Python interpreters on this machine',
    (command) =>
      withExamples(command, [
        ['$0 verify', 'python3 on PATH against its emulated twin'],
        ['$0 verify --python ~/.pyenv/versions/2.7.18/bin/python', 'the old GIL'],
      ]).options({
        python: { type: 'string', array: true, requiresArg: true, describe: 'interpreters to check: PATH… or a comma list', defaultDescription: 'python3' },
        repeats: { type: 'string', requiresArg: true, describe: 'real runs of each case (the median is compared)', defaultDescription: '3' },
        json: { type: 'boolean', describe: 'print the reports as JSON' },
      }),
    async (argv) => {
      const { runVerify } = await import('../actions/verify.js');
      await runVerify(argv as VerifyFlags);
    },
  );
}
