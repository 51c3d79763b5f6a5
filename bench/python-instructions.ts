import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolationFlags, type PythonInterpreter } from '../src/engine/python/interpreter.js';
import { tracedTwoCounts } from './python-two-counts.js';

const SMALL = 100_000;
const LARGE = 500_000;

/**
 * Instructions the interpreter executes per iteration of the tutorial's loop, untraced and run
 * by the harness (sequential, two counts), counted by valgrind's cachegrind: a count the load of
 * the machine cannot move. Two sizes of work per variant, so the start-up and the harness's
 * reports cancel out in the difference. Null when valgrind is not installed.
 */
export async function instructionsPerIteration(
  python: PythonInterpreter,
  untracedProgram: string,
  harnessDir: string,
): Promise<{ untraced: number; harness: number } | null> {
  if (spawnSync('valgrind', ['--version']).status !== 0) return null;
  const executable = spawnSync(python.path, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), 'concur-tui-valgrind-'));
  const log = join(dir, 'cachegrind.log');
  const wrapper = join(dir, 'python');
  writeFileSync(wrapper, `#!/bin/sh\nexec valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --log-file=${log} ${executable} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const counted = { ...python, path: wrapper };
  const instructions = () => Number(/I\s+refs:\s+([\d,]+)/.exec(readFileSync(log, 'utf8'))![1]!.replaceAll(',', ''));
  const untraced = (n: number) => {
    spawnSync(wrapper, [...isolationFlags(python), '-c', untracedProgram, String(n), 'sequential', harnessDir]);
    return instructions();
  };
  const harness = async (n: number) => {
    await tracedTwoCounts(counted, 'sequential', n, null);
    return instructions();
  };
  try {
    // Two counts of n each: the difference of two sizes over 2 × their difference.
    const perIteration = (small: number, large: number) => (large - small) / (2 * (LARGE - SMALL));
    return {
      untraced: perIteration(untraced(SMALL), untraced(LARGE)),
      harness: perIteration(await harness(SMALL), await harness(LARGE)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
