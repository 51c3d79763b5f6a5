import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { OutputWriteError, UsageError } from '../engine/index.js';
import { calibrateCommand } from './commands/calibrate.js';
import { dashboardCommand } from './commands/dashboard.js';
import { demoCommand } from './commands/demo.js';
import { emulateCommand } from './commands/emulate.js';
import { runCommand } from './commands/run.js';
import { scenariosCommand } from './commands/scenarios.js';
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
  if (error instanceof OutputWriteError) fail(error.message, EXIT_FAILED);
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

export function buildCli(argv: string[]): Argv {
  let cli = yargs(argv)
    .scriptName('concur-tui')
    .usage('$0 [command] [options]\n\nA terminal lab for concurrency: real runs next to a CPython scheduler emulator.')
    .version(packageVersion())
    .help()
    .alias('h', 'help')
    // After --help or --version the process ends by itself rather than by yargs' process.exit(0),
    // so a failed write of the text (`--help > /dev/full`) still reaches the stdout error handler.
    .exitProcess(false)
    .strict()
    // A flag given twice keeps its last value (as most tools do) instead of becoming an array
    // that every string flag would then have to reject.
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      // yargs reports its own validation failures (missing values, conflicts) as YError.
      if (error && error.name !== 'YError') reportError(error);
      fail(message ?? error?.message ?? 'invalid arguments', EXIT_USAGE);
    });
  for (const register of [dashboardCommand, emulateCommand, runCommand, demoCommand, calibrateCommand, scenariosCommand]) cli = register(cli);
  return cli;
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
