import type * as ChildProcessModule from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { childPids, countCall, ending, runReal, task } from './helpers.js';

/**
 * The first fork of this file fails for real: node is started from a path that does not exist,
 * which makes libuv's spawn fail the way EAGAIN or EMFILE do (no pid, an 'error' event).
 * Limits such as `ulimit -u` cannot do it here: tests run as root, whom RLIMIT_NPROC spares.
 */
let forks = 0;
vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof ChildProcessModule>();
  const fork: typeof actual.fork = ((modulePath: string, args: readonly string[], options: ChildProcessModule.ForkOptions) =>
    actual.fork(modulePath, args, forks++ === 0 ? { ...options, execPath: '/nonexistent/node' } : options)) as typeof actual.fork;
  return { ...actual, fork };
});

describe('a fork that fails', () => {
  it('fails the lane it was started for, with the reason; the next child runs the rest', async () => {
    const run = await runReal({ strategy: 'process-pool', procs: 1, tasks: [task('unlucky', countCall(1_000_000)), task('next', countCall(1_000_000))] });
    expect(forks).toBe(2);
    expect(ending(run, 0)).toBe('failed');
    expect(run.tasks[0]!.error).toMatch(/^cannot start a child process: spawn \/nonexistent\/node ENOENT$/);
    expect(ending(run, 1)).toBe('done');
    expect(run.tasks[1]!.error).toBeUndefined();
    expect(childPids()).toEqual([]);
  });
});
