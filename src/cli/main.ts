import { hideBin } from 'yargs/helpers';
import { buildCli, failureOf } from './command-line.js';

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

try {
  await buildCli(hideBin(process.argv)).parseAsync();
} catch (error) {
  reportError(error);
}
