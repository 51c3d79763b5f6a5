import type { Argv } from 'yargs';
import type { CalibrateFlags } from '../actions/calibrate.js';
import { calibrationPath } from '../../engine/descriptors.js';
import { withExamples } from '../help-examples.js';

/** The largest `--iterations`: six runs (one warm-up) still end in about a minute at 5 ns/iteration. */
export const MAX_ITERATIONS = 2_000_000_000;
export const DEFAULT_ITERATIONS = 200_000_000;

/** Registers `calibrate` (the timing loads when it runs): time this machine's `count` loop (Node and CPython) for the emulator. */
export function calibrateCommand(yargs: Argv): Argv {
  return yargs.command(
    'calibrate',
    "measure this machine's cost per count iteration (Node, and CPython if python3 is on PATH)",
    (command) =>
      withExamples(command, [
        ['$0 calibrate', 'time Node and CPython and store the result for the emulator'],
        ['$0 calibrate --python pypy3', 'also measure PyPy: the emulated twin of real PyPy runs is then sized by it'],
      ])
        .option('iterations', {
          // A string, parsed by us: yargs would turn 'abc' into NaN before we could quote it.
          type: 'string',
          requiresArg: true,
          describe: `Node loop size per timed run (1 to ${MAX_ITERATIONS})`,
          defaultDescription: String(DEFAULT_ITERATIONS),
        })
        .option('python', {
          // A path, or false from --no-python; a string, so that yargs leaves the path as typed.
          type: 'string',
          requiresArg: true,
          describe: "also calibrate this interpreter (loop, start-up, GIL hold) for --calibration machine; --no-python skips python3's loop",
          defaultDescription: "python3's loop only",
        })
        .option('output', {
          type: 'string',
          requiresArg: true,
          describe: 'where to store the calibration',
          defaultDescription: calibrationPath(),
        })
        .option('force', { type: 'boolean', describe: 'overwrite an existing --output file' })
        .option('json', { type: 'boolean', describe: 'print the stored calibration as JSON' })
        // Labelled [number] in --help, still parsed as the string typed (see help-labels.ts).
        .number('iterations'),
    async (argv) => {
      const { runCalibrate } = await import('../actions/calibrate.js');
      await runCalibrate(argv as CalibrateFlags);
    },
  );
}
