import { deflate, deflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import type { Workload } from './types.js';

/** zlib level 6 on mixed text-like data: about 40 MB/s on one core, i.e. 25 ns a byte. */
const NS_PER_BYTE = 25;
/** Python-side work to generate the data before compressing it. */
const PREPARE_NS_PER_BYTE = 5;

/**
 * `zlib.compress(data)`: CPU-bound, but CPython's zlib releases the GIL while it compresses,
 * so threads can compress in parallel; only preparing the data needs the GIL.
 */
export const compressWorkload: Workload<'compress'> = {
  name: 'compress',
  unit: 'bytes',
  cost: (bytes) => [
    { kind: 'cpu', us: Math.max(1, Math.round((bytes * PREPARE_NS_PER_BYTE) / 1_000)) },
    { kind: 'cpu', us: Math.max(1, Math.round((bytes * NS_PER_BYTE) / 1_000)), gilFree: true },
  ],
  // zlib is the same C library in both: bytes, not iterations, carry over.
  scale: (bytes, sizing) => Math.max(1, Math.round(bytes * sizing.scale)),
  run: async (bytes, host) => {
    const data = compressibleData(bytes);
    // On libuv's thread pool the loop is free, and several compressions use several cores;
    // on a thread, CPython's zlib releases the GIL while it compresses.
    const size = host.mode === 'async' ? await compressAsync(data) : host.withoutGil(() => compressSync(data));
    return `${size} bytes`;
  },
};

const WORDS = ['employee', 'project', 'salary', 'department', 'thread', 'process', 'lock', 'queue', '2026', 'id'];

/**
 * Text-like data that compresses about 3:1, the same for the same size: words picked by a
 * small LCG (deterministic, so a run's work does not depend on Math.random).
 */
export function compressibleData(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  let state = 12_345;
  let at = 0;
  while (at < bytes) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const word = WORDS[state % WORDS.length]!;
    at += data.write(`${word}${state & 0xff} `, at);
  }
  return data;
}

/** Compresses on the calling thread (a worker, a child, or the sequential runner). */
export function compressSync(data: Buffer): number {
  return deflateSync(data).length;
}

const deflateAsync = promisify(deflate);

/** Compresses on libuv's thread pool: in Node, "async" compression can use several cores. */
export async function compressAsync(data: Buffer): Promise<number> {
  return (await deflateAsync(data)).length;
}
