import type { Options } from 'yargs';
import { READ_LIMITS, UsageError, quoteName, readBoundedText } from '../engine/descriptors.js';

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

/** `--tasks-file FILE`: a task list too long for the command line (10,000 tasks), in a file. */
export const TASKS_FILE_OPTION = {
  'tasks-file': { type: 'string', requiresArg: true, describe: 'read --tasks from FILE (same syntax; tasks may also be on separate lines, # comments)' },
} as const satisfies Record<string, Options>;

/**
 * A yargs middleware: reads `--tasks-file` (a regular file of at most 1 MiB) into `tasks`, so
 * everything after it sees one task list. Lines are joined by commas; blank lines and lines that
 * start with `#` are skipped.
 */
export function readTasksFile(argv: { tasks?: unknown; 'tasks-file'?: unknown }): void {
  const path = argv['tasks-file'];
  if (typeof path !== 'string') return;
  if (argv.tasks !== undefined) throw new UsageError('--tasks and --tasks-file cannot be used together: give the task list once');
  const read = readBoundedText(path, READ_LIMITS.tasksBytes, '--tasks-file');
  if (read.type === 'missing') throw new UsageError(`--tasks-file: cannot read ${quoteName(path)} (ENOENT)`);
  const lines = read.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new UsageError(`--tasks-file: ${quoteName(path)} has no tasks`);
  argv.tasks = lines.join(',');
}
