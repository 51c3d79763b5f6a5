import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UsageError } from '../engine/index.js';
import { calibrateCommand } from './commands/calibrate.js';
import { dashboardCommand } from './commands/dashboard.js';
import { demoCommand } from './commands/demo.js';
import { emulateCommand } from './commands/emulate.js';
import { runCommand } from './commands/run.js';
import { scenariosCommand } from './commands/scenarios.js';
import { helpCommand } from './commands/help.js';
import { unknownCommandMessage } from './command-suggestion.js';
import { errorLine } from './error-line.js';
import { packageVersion } from './package-info.js';

/** Exit codes: 0 ok, 1 failed (an internal error, or output that could not be written), 2 bad usage (like most Unix tools). */
export const EXIT_USAGE = 2;
export const EXIT_FAILED = 1;

function fail(message: string, code: number): never {
  process.stderr.write(`${errorLine(message)}\n`);
  process.exit(code);
}

/** A write the system refused: a full disk (ENOSPC), a device error (EIO), a closed pipe (EPIPE). */
function isWriteError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && (error as NodeJS.ErrnoException).syscall === 'write' && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function reportError(error: unknown): never {
  if (error instanceof UsageError) fail(error.message, EXIT_USAGE);
  if (isWriteError(error)) {
    // A reader that went away is not an error; a full disk is the machine's state, not a bug.
    if (error.code === 'EPIPE') process.exit(0);
    // Node words it 'ENOSPC: no space left on device, write': keep the middle.
    const reason = /^\w+: (.+), write\b/.exec(error.message)?.[1];
    fail(`cannot write output: ${reason ? `${reason} (${error.code})` : error.code}`, EXIT_FAILED);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (process.env.CONCUR_TUI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  fail(`internal error: ${message} (set CONCUR_TUI_DEBUG=1 for details)`, EXIT_FAILED);
}

/** Every command, for `help COMMAND` and for the suggestion after a typo. */
const COMMANDS = ['dashboard', 'emulate', 'run', 'demo', 'calibrate', 'scenarios', 'completion', 'help'];

/** `concur-tui --help` (or `help`) alone: the root help lists the commands, not the dashboard's ~35 flags. */
const isRootHelp = (argv: readonly string[]) => argv.length > 0 && argv.every((arg, i) => arg === '--help' || arg === '-h' || (i === 0 && arg === 'help'));

export function buildCli(argv: string[]): Argv {
  let cli = yargs(argv)
    .scriptName('concur-tui')
    .usage(
      "$0 [command] [options]\n\nA terminal lab for concurrency: real runs next to a CPython scheduler emulator.\nThe dashboard's flags: concur-tui help dashboard",
    )
    .version(packageVersion())
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    .strict()
    // A flag given twice keeps its last value (as most tools do) instead of becoming an array
    // that every string flag would then have to reject.
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .wrap(Math.min(110, process.stdout.columns || 100))
    // yargs' script asks `concur-tui --get-yargs-completions …`; it writes zsh's when run from zsh.
    .completion('completion', 'print a completion script for bash or zsh (concur-tui completion >> ~/.bashrc)')
    .fail((message, error) => {
      // yargs reports its own validation failures (missing values, conflicts) as YError.
      if (error && error.name !== 'YError') reportError(error);
      // The dashboard, the default command, takes no words: a first word that is not a command
      // is a typo of one (yargs' recommendCommands stays silent when a default command exists).
      const first = argv[0];
      if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) fail(unknownCommandMessage(first, COMMANDS), EXIT_USAGE);
      fail(message ?? error?.message ?? 'invalid arguments', EXIT_USAGE);
    });
  cli = dashboardCommand(cli, { brief: isRootHelp(argv) });
  for (const register of [emulateCommand, runCommand, demoCommand, calibrateCommand, scenariosCommand]) cli = register(cli);
  return helpCommand(cli, COMMANDS, async (words) => {
    await buildCli([...words, '--help']).parseAsync();
  });
}

// A reader that goes away (`concur-tui emulate | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  // The terminal hung up (a dropped SSH link): the dashboard's SIGHUP path may still be writing.
  if (error.code === 'EIO') process.exit(129);
  reportError(error);
});

try {
  await buildCli(hideBin(process.argv)).parseAsync();
} catch (error) {
  reportError(error);
}
