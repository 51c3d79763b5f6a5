import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const PY27 = `${process.env.HOME}/.pyenv/versions/2.7.18/bin/python`;

describe('run --runtime python', () => {
  it('runs the tasks on the real interpreter, each run carrying its setup record', async () => {
    const result = await runCli(['run', '--runtime', 'python', '--tasks', '20ms,20ms', '--strategy', 'sequential,threads', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const trace = JSON.parse(result.stdout);
    expect(trace.runs.map((run: { strategy: string }) => run.strategy)).toEqual(['sequential', 'threads']);
    for (const run of trace.runs) {
      expect(run.source).toBe('real');
      expect(run.setup).toMatchObject({ runtime: 'python', path: 'python3', switchIntervalUs: 5_000 });
      expect(run.tasks.map((task: { error?: string }) => task.error)).toEqual([undefined, undefined]);
    }
    expect(trace.notes.some((note: string) => /on CPython 3\.\d+\.\d+ at [\d.]+ ns\/iteration \(timed just now\)/.test(note))).toBe(true);
  }, 60_000);

  it('prints the table with the interpreter in its heading; a failed task exits 3', async () => {
    const result = await runCli(['run', '--python', 'python3', '--tasks', '5ms', '--strategy', 'threads']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^tasks, real on CPython 3\.\d+\.\d+, GIL \(python3\), \d+ cores, switch interval 5ms$/);
    const timedOut = await runCli(['run', '--python', 'python3', '--tasks', '60s', '--strategy', 'threads', '--timeout', '200ms']);
    expect(timedOut.code).toBe(3);
    expect(timedOut.stdout).toMatch(/failed: T1 \(threads\): timed out after 200 ms/);
  }, 60_000);

  it.each([
    [['--runtime', 'python', '--gil', 'new'], '--gil: a real interpreter has its own GIL (see `concur-tui pythons`); --gil is for --runtime node'],
    [['--runtime', 'node', '--python', 'python3'], '--python names the interpreter of --runtime python, not of --runtime node'],
    [['--runtime', 'ruby'], "concur-tui: --runtime: unknown value 'ruby' (choose from node, python)"],
    [['--python', '/nonexistent/python'], "concur-tui: --python '/nonexistent/python': not found"],
    [['--python', '/bin/true'], "concur-tui: --python '/bin/true': not a Python interpreter (it did not run a Python probe)"],
    [['--python', PY27, '--strategy', 'async'], '--strategy async: Python 2.7.18 has no asyncio (3.5 or later has)'],
  ])(
    'refuses %j in one line, exit 2',
    async (args, message) => {
      const result = await runCli(['run', '--tasks', '5ms', ...args]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const line = result.stderr.trimEnd();
      expect(line.split('\n')).toHaveLength(1);
      if (typeof message === 'string') expect(line).toContain(message);
      else expect(line).toMatch(message);
    },
    30_000,
  );
});

describe('pythons', () => {
  it('lists python3 with its GIL, and says what is wrong with a given path', async () => {
    const result = await runCli(['pythons', '--python', '/nonexistent/python', '--json']);
    expect(result.code).toBe(0);
    const { schemaVersion, interpreters } = JSON.parse(result.stdout);
    expect(schemaVersion).toBe(1);
    expect(interpreters.some((entry: { ok: boolean; python?: { major: number } }) => entry.ok && entry.python!.major === 3)).toBe(true);
    expect(interpreters.filter((entry: { ok: boolean }) => !entry.ok)).toEqual([{ ok: false, path: '/nonexistent/python', reason: 'not found' }]);
    const table = await runCli(['pythons']);
    expect(table.stdout.split('\n')[0]).toMatch(/^interpreter\s+GIL\s+path$/);
    expect(table.stdout).toMatch(/CPython 3\.\d+\.\d+, GIL\s+yes\s+\S+/);
  }, 60_000);
});
