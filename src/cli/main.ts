import { startEmulationEarly } from './early-emulation.js';
import { reportError } from './failure.js';
import { printStoredHelp } from './stored-help.js';

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

// No top-level await: the bundle of this file is CommonJS (scripts/bundle.mjs), which starts
// faster than an ES module, whose loader Node would set up first.
async function main(): Promise<void> {
  if (printStoredHelp(argv)) return;
  const spare = await startEmulationEarly(argv);
  // The command line reports its own errors: in the bundle it is a file of its own, whose
  // error classes are not this file's (instanceof would not know them).
  const { runCommandLine } = await import('./command-line.js');
  await runCommandLine(argv, { spare });
}

main().catch(reportError);
