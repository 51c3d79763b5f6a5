import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PythonInterpreter } from '../src/engine/python/interpreter.js';

/**
 * An interpreter whose every run reports the CPU time it used (user + system, exact to the µs,
 * from `wait4`): a wrapper in its place that forks the real executable, waits for it and
 * appends the figure to a log. Wall time on a shared machine moves ±20 % from run to run; the
 * CPU a process used is what it cost, whoever else ran meanwhile. The wrapper is the process
 * the engine starts and signals (its process group is the run's), so runs behave as usual.
 */
export interface TimedInterpreter {
  /** The interpreter to hand to a run: its path is the wrapper. */
  python: PythonInterpreter;
  /** The CPU time of the last run that ended, in µs. */
  lastCpuUs(): number;
  dispose(): void;
}

export function timedInterpreter(python: PythonInterpreter): TimedInterpreter {
  // The real executable, not a launcher in front of it (pyenv's shims are shell scripts).
  const executable = spawnSync(python.path, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  if (executable === '') throw new Error(`${python.path}: no sys.executable`);
  const dir = mkdtempSync(join(tmpdir(), 'concur-tui-timed-'));
  const log = join(dir, 'cpu.log');
  const wrapper = join(dir, 'python');
  writeFileSync(log, '');
  writeFileSync(
    wrapper,
    [
      `#!${executable} -Es`,
      'import os, sys',
      `EXE, LOG = ${JSON.stringify(executable)}, ${JSON.stringify(log)}`,
      'pid = os.fork()',
      'if pid == 0:',
      '    os.execv(EXE, [EXE] + sys.argv[1:])',
      '_, status, usage = os.wait4(pid, 0)',
      'with open(LOG, "a") as out:',
      '    out.write("%d\\n" % round((usage.ru_utime + usage.ru_stime) * 1e6))',
      'sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))',
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return {
    python: { ...python, path: wrapper },
    lastCpuUs: () => Number(readFileSync(log, 'utf8').trim().split('\n').at(-1)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
