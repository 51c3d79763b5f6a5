import fs from 'node:fs';
import { thinOlderHalf } from './thin.js';

/**
 * Linux `/proc` readers for real OS scheduling data (see FACTS.md, "Real OS scheduling from /proc").
 * Everything here is optional: on other platforms, or when `/proc` is hidden, the functions return
 * `null` and the sampler records nothing, so the real engine keeps working without it.
 */

/** The three counters of `/proc/<pid>/task/<tid>/schedstat`. */
export interface SchedstatCounters {
  /** Cumulative time the thread spent on a CPU, in ns. */
  onCpuNs: number;
  /** Cumulative time the thread was runnable but waited in a run queue, in ns. */
  runQueueNs: number;
  /** Number of timeslices the thread ran. */
  timeslices: number;
}

/** One reading of a thread's schedstat, stamped with the run clock. */
export interface SchedSample extends SchedstatCounters {
  /** When the sample was taken, in µs from the run start. */
  atUs: number;
}

/** True when this process can see its own thread in `/proc` (Linux). */
export const procfsAvailable: boolean = (() => {
  try {
    fs.readlinkSync('/proc/thread-self');
    return true;
  } catch {
    return false;
  }
})();

/**
 * The OS thread id of the calling thread (main thread or worker), or `null` off Linux.
 * `/proc/thread-self` links to `<pid>/task/<tid>`.
 */
export function currentThreadId(): number | null {
  try {
    const match = /\/task\/(\d+)$/.exec(fs.readlinkSync('/proc/thread-self'));
    return match?.[1] === undefined ? null : Number(match[1]);
  } catch {
    return null;
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Reads the first `into.length` whitespace-separated unsigned decimals of `bytes[0, length)`
 * into `into`, straight from the bytes: a sampler parses a file a millisecond per thread, and a
 * string, a split and an array per read were most of what a read cost. False when a field is
 * missing or not all digits. Counters stay well below 2^53 ns (≈ 104 days of CPU), so a double
 * holds them exactly.
 */
export function parseUnsignedFields(bytes: Uint8Array, length: number, into: Float64Array): boolean {
  let at = 0;
  for (let field = 0; field < into.length; field++) {
    while (at < length && (bytes[at] === SPACE || bytes[at] === NEWLINE || bytes[at] === TAB)) at++;
    let value = 0;
    const start = at;
    while (at < length && bytes[at]! >= ZERO && bytes[at]! <= NINE) value = value * 10 + (bytes[at++]! - ZERO);
    if (at === start || (at < length && bytes[at] !== SPACE && bytes[at] !== NEWLINE && bytes[at] !== TAB)) return false;
    into[field] = value;
  }
  return true;
}

/** The schedstat counters in `bytes`, or `null` when they are not three integers. */
function parseSchedstat(bytes: Uint8Array, length: number, into: Float64Array): SchedstatCounters | null {
  if (!parseUnsignedFields(bytes, length, into)) return null;
  return { onCpuNs: into[0]!, runQueueNs: into[1]!, timeslices: into[2]! };
}

function schedstatPath(pid: number, tid: number): string {
  return `/proc/${pid}/task/${tid}/schedstat`;
}

/**
 * Reads a thread's schedstat once. Returns `null` when the thread has exited, the file is
 * unreadable, or the platform has no `/proc`.
 */
export function readSchedstat(pid: number, tid: number): SchedstatCounters | null {
  try {
    const bytes = fs.readFileSync(schedstatPath(pid, tid));
    return parseSchedstat(bytes, bytes.length, new Float64Array(3));
  } catch {
    return null;
  }
}

/** A sample every 4 ms for an hour would be 900,000 per thread; old history is coarsened instead. */
export const MAX_SAMPLES_PER_THREAD = 4_096;

interface Tracked {
  fd: number;
  samples: SchedSample[];
}

/**
 * What a span builder reads from a sampler: samples only ever appended, except when `revision`
 * changes (a thread tracked anew, old history thinned), after which they must be read again.
 */
export interface SampleSource {
  /** The samples recorded under `key`, oldest first (empty when none). */
  samples(key: number): readonly SchedSample[];
  /** Changes whenever samples of `key` were replaced or dropped rather than appended. */
  revision(key: number): number;
  /** True while `key` is sampled: more samples may come. */
  isTracked(key: number): boolean;
  /** The OS thread sampled under `key`, when it was ever tracked. */
  threadOf(key: number): number | undefined;
}

/**
 * Samples the schedstat of several threads, keeping each file open: a read then costs
 * ~1.4 µs instead of an open/read/close per sample. Keys are chosen by the caller (a lane or a
 * thread). A thread that exits is untracked silently on the next `sample`, but its samples stay
 * readable until `close`.
 */
export class SchedstatSampler implements SampleSource {
  readonly #tracked = new Map<number, Tracked>();
  readonly #finished = new Map<number, SchedSample[]>();
  readonly #revisions = new Map<number, number>();
  readonly #threads = new Map<number, number>();
  // 3 × 20 digits + separators fit easily; one buffer serves every read.
  readonly #buffer = Buffer.alloc(128);
  readonly #counters = new Float64Array(3);

  /** Starts following thread `tid` of process `pid` under `key`; a no-op if the file cannot be opened. */
  track(key: number, pid: number, tid: number): void {
    this.untrack(key);
    let fd: number;
    try {
      fd = fs.openSync(schedstatPath(pid, tid), 'r');
    } catch {
      return;
    }
    this.#finished.delete(key);
    this.#tracked.set(key, { fd, samples: [] });
    this.#threads.set(key, tid);
    this.#bump(key);
  }

  /** Stops following `key` and closes its file; the samples taken so far are kept. */
  untrack(key: number): void {
    const tracked = this.#tracked.get(key);
    if (tracked === undefined) return;
    this.#tracked.delete(key);
    this.#finished.set(key, tracked.samples);
    try {
      fs.closeSync(tracked.fd);
    } catch {
      // Already closed or invalid: nothing left to release.
    }
  }

  /** Reads every tracked thread once and appends a sample stamped `atUs`. */
  sample(atUs: number): void {
    const counters = this.#counters;
    // Deleting the entry being visited is safe while iterating a Map.
    for (const [key, tracked] of this.#tracked) {
      if (!this.#read(tracked.fd)) this.untrack(key);
      else {
        tracked.samples.push({ atUs, onCpuNs: counters[0]!, runQueueNs: counters[1]!, timeslices: counters[2]! });
        // Counters are cumulative, so dropping old samples only coarsens old windows.
        const before = tracked.samples.length;
        thinOlderHalf(tracked.samples, MAX_SAMPLES_PER_THREAD);
        if (tracked.samples.length < before) this.#bump(key);
      }
    }
  }

  /** The samples recorded under `key`, oldest first (empty when none). */
  samples(key: number): readonly SchedSample[] {
    return this.#tracked.get(key)?.samples ?? this.#finished.get(key) ?? [];
  }

  revision(key: number): number {
    return this.#revisions.get(key) ?? 0;
  }

  isTracked(key: number): boolean {
    return this.#tracked.has(key);
  }

  threadOf(key: number): number | undefined {
    return this.#threads.get(key);
  }

  /** Keys currently being sampled (their thread was alive at the last `sample`). */
  trackedKeys(): number[] {
    return [...this.#tracked.keys()];
  }

  /** Closes every open file; samples remain readable. */
  close(): void {
    for (const key of [...this.#tracked.keys()]) this.untrack(key);
  }

  #bump(key: number): void {
    this.#revisions.set(key, this.revision(key) + 1);
  }

  /** Reads `fd` into the counters; false when the thread is gone or the text is not schedstat's. */
  #read(fd: number): boolean {
    try {
      // Reading at position 0 re-generates the file's content; once the thread is reaped the
      // kernel fails the read (ESRCH) or returns nothing, which we treat as "gone".
      const bytes = fs.readSync(fd, this.#buffer, 0, this.#buffer.length, 0);
      return parseUnsignedFields(this.#buffer, bytes, this.#counters);
    } catch {
      return false;
    }
  }
}
