import { UsageError } from '../engine/index.js';

/**
 * `--tasks` and `--scenario` both say what to run, so only one may be given. A yargs check of our
 * own: its `conflicts` message ("Arguments tasks and scenario are mutually exclusive") names
 * neither as a flag nor says what each is for.
 */
export function checkOneWorkload(argv: { tasks?: unknown; scenario?: unknown }): true {
  if (argv.tasks !== undefined && argv.scenario !== undefined) {
    throw new UsageError('--tasks and --scenario cannot be used together: --tasks runs your own task list, --scenario a built-in one');
  }
  return true;
}
