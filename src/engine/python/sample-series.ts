/**
 * What the kernel says about one thread at one instant: its cumulative on-CPU and run-queue time
 * (`/proc/<pid>/task/<tid>/schedstat`), whether it is runnable (`stat`'s state `R`) or asleep,
 * and, asleep, whether in `futex` (`syscall`): the GIL is a mutex and a condition variable, so a
 * thread waiting for it waits there, while a sleep, a socket or an event loop waits elsewhere.
 */
export interface ThreadSample {
  /** When it was read, in µs from the run's start. */
  atUs: number;
  onCpuNs: number;
  runQueueNs: number;
  timeslices: number;
  runnable: boolean;
  /** Asleep in `futex`: waiting for a lock (the GIL). */
  onLock: boolean;
}

/** A thread's samples as the classifier reads them: by index, oldest first. */
export interface SampleView {
  readonly length: number;
  atUs(index: number): number;
  onCpuNs(index: number): number;
  runQueueNs(index: number): number;
  timeslices(index: number): number;
  runnable(index: number): boolean;
  onLock(index: number): boolean;
  /** The kernel's cumulative on-CPU time as read at sample `index`, before credit-spread.ts placed it (crowding.ts reads these). */
  readOnCpuNs(index: number): number;
  /** The kernel's cumulative run-queue time as read at sample `index`, before it was placed. */
  readRunQueueNs(index: number): number;
  /** The index of the last sample that saw the thread off a core (-1: none). */
  lastAsleep(): number;
  /** Sample `index` as an object (tests and dumps; the hot paths read the columns). */
  sample(index: number): ThreadSample;
}

const RUNNABLE = 1;
const ON_LOCK = 2;

/**
 * A thread's samples in columns (typed arrays that grow by doubling): the sampler appends one
 * every millisecond for as long as a run lasts, and an object per sample was most of its cost
 * (allocation, then the collector moving them). Counters are ns below 2^53, exact in a double.
 */
export class SampleSeries implements SampleView {
  #length = 0;
  #atUs: Float64Array;
  #onCpuNs: Float64Array;
  #runQueueNs: Float64Array;
  #timeslices: Float64Array;
  #readOnCpuNs: Float64Array;
  #readRunQueueNs: Float64Array;
  #flags: Uint8Array;
  #lastAsleep = -1;

  constructor(capacity = 256) {
    this.#atUs = new Float64Array(capacity);
    this.#onCpuNs = new Float64Array(capacity);
    this.#runQueueNs = new Float64Array(capacity);
    this.#timeslices = new Float64Array(capacity);
    this.#readOnCpuNs = new Float64Array(capacity);
    this.#readRunQueueNs = new Float64Array(capacity);
    this.#flags = new Uint8Array(capacity);
  }

  /** A series holding `samples` (tests, and views built from an emulated run). */
  static of(samples: readonly ThreadSample[]): SampleSeries {
    const series = new SampleSeries(Math.max(1, samples.length));
    for (const s of samples) series.push(s.atUs, s.onCpuNs, s.runQueueNs, s.timeslices, s.runnable, s.onLock);
    return series;
  }

  get length(): number {
    return this.#length;
  }

  atUs(index: number): number {
    return this.#atUs[index]!;
  }

  onCpuNs(index: number): number {
    return this.#onCpuNs[index]!;
  }

  runQueueNs(index: number): number {
    return this.#runQueueNs[index]!;
  }

  timeslices(index: number): number {
    return this.#timeslices[index]!;
  }

  runnable(index: number): boolean {
    return (this.#flags[index]! & RUNNABLE) !== 0;
  }

  onLock(index: number): boolean {
    return (this.#flags[index]! & ON_LOCK) !== 0;
  }

  readOnCpuNs(index: number): number {
    return this.#readOnCpuNs[index]!;
  }

  readRunQueueNs(index: number): number {
    return this.#readRunQueueNs[index]!;
  }

  lastAsleep(): number {
    return this.#lastAsleep;
  }

  sample(index: number): ThreadSample {
    return {
      atUs: this.atUs(index),
      onCpuNs: this.onCpuNs(index),
      runQueueNs: this.runQueueNs(index),
      timeslices: this.timeslices(index),
      runnable: this.runnable(index),
      onLock: this.onLock(index),
    };
  }

  toArray(): ThreadSample[] {
    return Array.from({ length: this.#length }, (_, i) => this.sample(i));
  }

  /** Appends a sample: its placed figures, and (when they differ: credit-spread.ts places later) the kernel's as read. */
  push(
    atUs: number,
    onCpuNs: number,
    runQueueNs: number,
    timeslices: number,
    runnable: boolean,
    onLock: boolean,
    readOnCpuNs = onCpuNs,
    readRunQueueNs = runQueueNs,
  ): void {
    if (this.#length === this.#atUs.length) this.#grow();
    const i = this.#length++;
    this.#atUs[i] = atUs;
    this.#onCpuNs[i] = onCpuNs;
    this.#runQueueNs[i] = runQueueNs;
    this.#timeslices[i] = timeslices;
    this.#readOnCpuNs[i] = readOnCpuNs;
    this.#readRunQueueNs[i] = readRunQueueNs;
    this.#flags[i] = (runnable ? RUNNABLE : 0) | (onLock ? ON_LOCK : 0);
    if (!runnable) this.#lastAsleep = i;
  }

  /** Adds to the cumulative figures of sample `from` and every later one: the interval ending at `from` gets the time. */
  credit(from: number, onCpuNs: number, runQueueNs: number): void {
    if (onCpuNs === 0 && runQueueNs === 0) return;
    for (let i = from; i < this.#length; i++) {
      this.#onCpuNs[i] = this.#onCpuNs[i]! + onCpuNs;
      this.#runQueueNs[i] = this.#runQueueNs[i]! + runQueueNs;
    }
  }

  /**
   * Drops every other sample of the older half (counters are cumulative, so only detail is
   * lost): sample 2m of the older half becomes m, the newer half follows. Returns that half.
   */
  halveOlder(): number {
    const half = this.#length >> 1;
    let to = 0;
    for (let from = 0; from < this.#length; from++) {
      if (from < half && from % 2 !== 0) continue;
      this.#atUs[to] = this.#atUs[from]!;
      this.#onCpuNs[to] = this.#onCpuNs[from]!;
      this.#runQueueNs[to] = this.#runQueueNs[from]!;
      this.#timeslices[to] = this.#timeslices[from]!;
      this.#readOnCpuNs[to] = this.#readOnCpuNs[from]!;
      this.#readRunQueueNs[to] = this.#readRunQueueNs[from]!;
      this.#flags[to] = this.#flags[from]!;
      to++;
    }
    this.#length = to;
    this.#lastAsleep = -1;
    for (let i = to - 1; i >= 0; i--) {
      if (!this.runnable(i)) {
        this.#lastAsleep = i;
        break;
      }
    }
    return half;
  }

  #grow(): void {
    const capacity = Math.max(16, this.#atUs.length * 2);
    const widened = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    this.#atUs = widened(this.#atUs);
    this.#onCpuNs = widened(this.#onCpuNs);
    this.#runQueueNs = widened(this.#runQueueNs);
    this.#timeslices = widened(this.#timeslices);
    this.#readOnCpuNs = widened(this.#readOnCpuNs);
    this.#readRunQueueNs = widened(this.#readRunQueueNs);
    const flags = new Uint8Array(capacity);
    flags.set(this.#flags);
    this.#flags = flags;
  }
}

/**
 * The kernel's figures as read at each sample (`readOnCpuNs`, `readRunQueueNs`), in the shape
 * crowding.ts reads: it places every thread's credits by one rule of its own.
 */
export function readCounters(view: SampleView): {
  length: number;
  atUs(index: number): number;
  onCpuNs(index: number): number;
  runQueueNs(index: number): number;
} {
  return { length: view.length, atUs: (i) => view.atUs(i), onCpuNs: (i) => view.readOnCpuNs(i), runQueueNs: (i) => view.readRunQueueNs(i) };
}

/** The samples of a thread never sampled. */
export const NO_SAMPLES: SampleView = new SampleSeries(1);
