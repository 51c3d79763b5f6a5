import type { WorkloadCost } from './types.js';

/** zlib level 6 on mixed text-like data: about 40 MB/s on one core, i.e. 25 ns a byte. */
const NS_PER_BYTE = 25;
/** Python-side work to generate the data before compressing it. */
const PREPARE_NS_PER_BYTE = 5;

/**
 * `zlib.compress(data)`: CPU-bound, but CPython's zlib releases the GIL while it compresses,
 * so threads can compress in parallel; only preparing the data needs the GIL.
 */
export const compressCost: WorkloadCost = {
  cost: (bytes: number) => [
    { kind: 'cpu', us: Math.max(1, Math.round((bytes * PREPARE_NS_PER_BYTE) / 1_000)) },
    { kind: 'cpu', us: Math.max(1, Math.round((bytes * NS_PER_BYTE) / 1_000)), gilFree: true },
  ],
  describe: (bytes) => `compress(${(bytes / 1_048_576).toFixed(0)} MiB)`,
};
