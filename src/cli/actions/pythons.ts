import { describeInterpreter, discoverInterpreters, quote } from '../../engine/index.js';
import { alignColumns } from '../align-columns.js';

export interface PythonsFlags {
  python?: string[] | string | undefined;
  json?: boolean | undefined;
}

/** `concur-tui pythons`: the interpreters a real Python run can use, and whether each has a GIL. */
export function listPythons(flags: PythonsFlags): void {
  const given = flags.python === undefined ? [] : ([] as string[]).concat(flags.python);
  const found = discoverInterpreters(process.env, given);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, interpreters: found })}\n`);
    return;
  }
  const rows = found.map((entry) =>
    entry.ok
      ? [describeInterpreter(entry.python), entry.python.gilEnabled ? 'yes' : 'no', entry.python.path]
      : [`not usable: ${entry.reason}`, '-', quote(entry.path)],
  );
  process.stdout.write(`${alignColumns(['interpreter', 'GIL', 'path'], rows, new Set()).join('\n')}\n`);
  if (found.length === 0) process.stdout.write('no Python interpreter found: install python3, or name one with --python PATH\n');
}
