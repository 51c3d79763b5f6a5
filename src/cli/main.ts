import { startEmulationEarly } from './early-emulation.js';
import { failureOf } from './failure.js';
import { printStoredHelp } from './stored-help.js';

function reportError(error: unknown): never {
  const failure = failureOf(error);
  if (failure.internal && process.env.CONCUR_TUI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (failure.line !== null) process.stderr.write(`${failure.line}\n`);
  process.exit(failure.code);
}

// A reader that goes away (`concur-tui emulate | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  // The terminal hung up (a dropped SSH link): the dashboard's SIGHUP path may still be writing.
  if (error.code === 'EIO') process.exit(129);
  reportError(error);
});

// The words after `node concur-tui` (yargs' hideBin, for Node rather than Electron): read here
// so that a help the build stored is printed before yargs and the flags load.
const argv = process.argv.slice(2);
try {
  if (!printStoredHelp(argv)) {
    const spare = await startEmulationEarly(argv);
    const { buildCli } = await import('./command-line.js');
    await buildCli(argv, { spare }).parseAsync();
  }
} catch (error) {
  reportError(error);
}
