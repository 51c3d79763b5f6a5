import type { Calibration } from './calibration.js';
import type { Workload, WorkloadSizing } from './types.js';

/** Iterations summed in one chunk: small enough that a chunk's sum stays an exact double. */
export const COUNT_CHUNK = 1 << 20;

/**
 * The tutorial's loop, `count = count + i` for i in 0..n-1, returning the exact sum as a bigint.
 * A plain double is exact only up to n ≈ 1.34e8, so each chunk is summed in a double (exact:
 * below 2^53) and chunks are added up as bigints. `onChunk` is called after every chunk
 * (smaller chunks let a GIL holder notice a drop request sooner; any size ≤ 2^26 stays exact).
 */
export function count(n: number, onChunk?: (done: number) => void, chunkSize = COUNT_CHUNK): bigint {
  let total = 0n;
  for (let start = 0; start < n; start += chunkSize) {
    const end = Math.min(n, start + chunkSize);
    let chunk = 0;
    for (let i = start; i < end; i++) chunk = chunk + i;
    total += BigInt(chunk);
    onChunk?.(end);
  }
  return total;
}

/**
 * Node's loop is ~35–100× faster than CPython's, so real work is sized by duration: a count
 * that takes CPython D µs becomes a count that takes this machine D × scale µs.
 */
export function countIterationsFor(cpythonUs: number, sizing: WorkloadSizing): number {
  return Math.round((cpythonUs * 1_000 * sizing.scale) / sizing.calibration.nodeNsPerIteration);
}

const cpythonUs = (iterations: number, calibration: Calibration) => (iterations * calibration.cpythonNsPerIteration) / 1_000;

export const countWorkload: Workload<'count'> = {
  name: 'count',
  unit: 'iterations',
  cost: (iterations, calibration) => [{ kind: 'cpu', us: Math.max(1, Math.round(cpythonUs(iterations, calibration))) }],
  scale: (iterations, sizing) => countIterationsFor(cpythonUs(iterations, sizing.calibration), sizing),
  run: (iterations, host) => String(count(iterations, host.onChunk, host.gilCheckChunk)),
};
