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
    // Preparing the data is Python-side work: it holds the GIL, and hands it over when asked
    // (between chunks, as CPython's eval loop does), so a thread back from zlib is not kept waiting.
    const data = compressibleData(bytes, host.onChunk);
    // On libuv's thread pool the loop is free, and several compressions use several cores;
    // on a thread, CPython's zlib releases the GIL while it compresses.
    const size = host.mode === 'async' ? await compressAsync(data) : host.withoutGil(() => compressSync(data));
    return `${size} bytes`;
  },
};

const WORDS = ['employee', 'project', 'salary', 'department', 'thread', 'process', 'lock', 'queue', '2026', 'id'];

/** Bytes of data prepared between two calls of `onChunk` (≈ 0.1–0.5 ms of work). */
const PREPARE_CHUNK = 1 << 16;
/**
 * The share of the data written word by word; the rest repeats it. Writing words costs about
 * what deflating them does in Node (≈ 60–90 ns a byte each, measured), while the cost model
 * above, after CPython, has preparing at 1/5 of compressing: so 1/5 is written and 4/5 copied
 * (≈ 0.1 ns a byte). Repeats lie further back than deflate's 32 KiB window (UNIQUE_MIN_BYTES),
 * so zlib finds the same matches, and does the same work, as on all-fresh words.
 */
const UNIQUE_SHARE = 5;
const UNIQUE_MIN_BYTES = 256 * 1024;

/**
 * Text-like data that compresses about 10:1, the same for the same size: words picked by a
 * small LCG (deterministic, so a run's work does not depend on Math.random). `onChunk` is
 * called every PREPARE_CHUNK bytes with the bytes prepared so far.
 */
export function compressibleData(bytes: number, onChunk?: (done: number) => void): Buffer {
  const data = Buffer.alloc(bytes);
  const unique = Math.min(bytes, Math.max(UNIQUE_MIN_BYTES, Math.ceil(bytes / UNIQUE_SHARE)));
  let state = 12_345;
  let at = 0;
  let nextChunk = PREPARE_CHUNK;
  while (at < unique) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const word = WORDS[state % WORDS.length]!;
    at += data.write(`${word}${state & 0xff} `, at);
    if (at >= nextChunk) {
      nextChunk += PREPARE_CHUNK;
      onChunk?.(at);
    }
  }
  // The rest repeats the words with a period of `period` bytes (more than deflate's window).
  const period = at;
  for (let from = 0; at < bytes; ) {
    const length = Math.min(PREPARE_CHUNK, period - from, bytes - at);
    at += data.copy(data, at, from, from + length);
    from = (from + length) % period;
    onChunk?.(at);
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
