import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { count } from './count.js';

/** How long CPython may take for all its runs before the measurement counts as failed. */
export const PYTHON_TIMEOUT_MS = 120_000;

/**
 * Times the tutorial's loop exactly as written (a function, so `c` and `i` are fast locals), after
 * one small warm-up call. Prints the median seconds per run, then the interpreter's version.
 */
const PYTHON_SCRIPT = `
import platform, statistics, sys, time
def count(n):
  c = 0
  for i in range(n):
    c = c + i
  return c
n, runs = int(sys.argv[1]), int(sys.argv[2])
count(min(n, 100000))
seconds = []
for _ in range(runs):
  start = time.perf_counter()
  count(n)
  seconds.append(time.perf_counter() - start)
print(repr(statistics.median(seconds)))
print("Python " + platform.python_version())
`;

/** What timing CPython gave: a figure and the interpreter's version, or why there is none. */
export type PythonMeasurement =
  | {
      type: 'measured';
      /** Median cost of one iteration of the tutorial's loop. */
      nsPerIteration: number;
      /** The interpreter that ran it, e.g. `Python 3.11.7`. */
      version: string;
    }
  | {
      type: 'unavailable';
      /** One line for the user, e.g. `python3 not found`. */
      reason: string;
    };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function checkPositiveInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/**
 * Median cost in ns of one iteration of `count(iterations)` on this Node, over `runs` timed runs
 * after one untimed warm-up run (so the JIT has optimised the loop before we time it).
 */
export function measureNodeNsPerIteration(iterations = 200_000_000, runs = 5): number {
  checkPositiveInteger(iterations, 'iterations');
  checkPositiveInteger(runs, 'runs');
  // Checking the sum keeps the result live, so the JIT cannot drop the loop, and catches a broken count().
  const expected = (BigInt(iterations) * BigInt(iterations - 1)) / 2n;
  const timeOne = (): number => {
    const startMs = performance.now();
    const sum = count(iterations);
    const elapsedMs = performance.now() - startMs;
    if (sum !== expected) throw new Error(`count(${iterations}) returned ${sum}, expected ${expected}`);
    return elapsedMs;
  };
  timeOne();
  const samplesMs = Array.from({ length: runs }, timeOne);
  return (median(samplesMs) * 1e6) / iterations;
}

/**
 * Times the tutorial's loop on `python3` from PATH (run directly, no shell), `runs` times over
 * `iterations`. Never rejects: a missing, failing or hung interpreter becomes `unavailable`.
 */
export function measurePython(iterations = 10_000_000, runs = 3): Promise<PythonMeasurement> {
  checkPositiveInteger(iterations, 'iterations');
  checkPositiveInteger(runs, 'runs');
  const args = ['-c', PYTHON_SCRIPT, String(iterations), String(runs)];
  return new Promise((resolve) => {
    execFile('python3', args, { timeout: PYTHON_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === 'ENOENT'
            ? 'python3 not found'
            : error.killed
              ? `python3 timed out after ${PYTHON_TIMEOUT_MS / 1000} s`
              : `python3 failed: ${(stderr.trim().split('\n').pop() ?? '') || error.message}`;
        resolve({ type: 'unavailable', reason });
        return;
      }
      const [secondsLine = '', version = ''] = stdout.trim().split('\n');
      const seconds = Number(secondsLine);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        resolve({ type: 'unavailable', reason: `python3 printed an unexpected timing: ${JSON.stringify(secondsLine)}` });
        return;
      }
      resolve({ type: 'measured', nsPerIteration: (seconds * 1e9) / iterations, version: version.trim() });
    });
  });
}

/** Median ns per iteration of the tutorial's loop on `python3`, or null when it is missing or fails. */
export async function measurePythonNsPerIteration(iterations = 10_000_000, runs = 3): Promise<number | null> {
  const result = await measurePython(iterations, runs);
  return result.type === 'measured' ? result.nsPerIteration : null;
}
