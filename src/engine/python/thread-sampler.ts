import fs from 'node:fs';
import { parseUnsignedFields } from '../real/procfs.js';
import { addSample, halveOlder, newCreditSpread, type CreditSpread } from './credit-spread.js';
import { NO_SAMPLES, type SampleSeries, type SampleView, type ThreadSample } from './sample-series.js';

/**
 * Samples the kernel's word on each thread of a Python run (`ThreadSample`). Figures are
 * credited in lumps (on-CPU time at 4 ms ticks and switches, run-queue time when the thread gets
 * a core back): the sampler stores them spread over the samples they belong to
 * (`credit-spread.ts`), so a sample's increments say what the thread did since the one before.
 *
 * It runs every millisecond beside the work it measures, so a sample allocates nothing (files
 * kept open, one buffer, bytes parsed in place, columns appended) and reads only what can have
 * changed. The kernel adds to `schedstat` whenever a thread leaves a core (its on-CPU time) and
 * whenever it gets one (run-queue time, slice count), so unchanged figures mean:
 * - runnable at the last sample: still runnable (on its core, or still queued), so `stat` and
 *   `syscall` say what they said;
 * - asleep at the last sample: asleep still, or woken and queued — `stat` tells — but it has not
 *   run, so it is in the same system call as before (`syscall` is not read again).
 */

/** The futex system call's number, by CPU architecture (Linux's syscall tables). */
const FUTEX: Partial<Record<NodeJS.Architecture, number>> = { x64: 202, arm64: 98, ia32: 240, arm: 240, riscv64: 98, ppc64: 221, s390x: 238 };
const FUTEX_NR = FUTEX[process.arch] ?? -1;

/** A thread sampled every ~1 ms for an hour is 3.6 M samples: older ones are halved past this. */
const MAX_SAMPLES = 65_536;

const CLOSING_PAREN = 0x29;
const RUNNING_STATE = 0x52; // 'R'
/** `pid (comm) S`: a pid of at most 10 digits, a comm of at most 15 bytes (TASK_COMM_LEN 16), spaces and brackets. */
const STAT_HEAD = 64;

interface Followed {
  tid: number;
  spread: CreditSpread;
  schedstat: number;
  stat: number;
  /** `/proc/…/syscall`, or -1 where it cannot be read (another user's process, no CONFIG_HAVE_ARCH_TRACEHOOK). */
  syscall: number;
  /** The kernel's figures as last read (the spread's stored ones lag behind them). */
  read: ThreadSample | null;
}

/** Samples several threads (keyed by tid), keeping their files open. */
export class ThreadSampler {
  readonly #followed: Followed[] = [];
  readonly #ended = new Map<number, SampleSeries>();
  readonly #buffer = Buffer.alloc(1_024);
  readonly #counters = new Float64Array(3);
  readonly #syscallNumber = new Float64Array(1);
  #reads = 0;

  /** `procRoot`: where `/proc` is (tests give a directory of files laid out as it is). */
  constructor(readonly procRoot = '/proc') {}

  /** Starts sampling thread `tid` of `pid` (once; a no-op when its files cannot be opened). */
  follow(pid: number, tid: number): void {
    if (this.#followed.some((followed) => followed.tid === tid) || this.#ended.has(tid)) return;
    try {
      const dir = `${this.procRoot}/${pid}/task/${tid}`;
      const schedstat = fs.openSync(`${dir}/schedstat`, 'r');
      const stat = fs.openSync(`${dir}/stat`, 'r');
      let syscall = -1;
      try {
        syscall = fs.openSync(`${dir}/syscall`, 'r');
      } catch {
        // Without it every sleep inside a CPU phase counts as waiting for the GIL.
      }
      this.#followed.push({ tid, spread: newCreditSpread(), schedstat, stat, syscall, read: null });
    } catch {
      // No /proc, or the thread ended already: its lane is drawn from its events alone.
    }
  }

  /** Reads every followed thread once; a thread that has exited is closed and kept. */
  sample(atUs: number): void {
    for (let k = 0; k < this.#followed.length; ) {
      const followed = this.#followed[k]!;
      if (!this.#read(followed, atUs)) {
        this.#end(k);
        continue;
      }
      addSample(followed.spread, followed.read!);
      if (followed.spread.samples.length > MAX_SAMPLES) halveOlder(followed.spread);
      k++;
    }
  }

  samples(tid: number): SampleView {
    return this.#followed.find((followed) => followed.tid === tid)?.spread.samples ?? this.#ended.get(tid) ?? NO_SAMPLES;
  }

  /** How many `/proc` files were read so far (what a sample costs the kernel). */
  reads(): number {
    return this.#reads;
  }

  close(): void {
    while (this.#followed.length > 0) this.#end(this.#followed.length - 1);
  }

  #end(index: number): void {
    const [followed] = this.#followed.splice(index, 1);
    if (followed === undefined) return;
    this.#ended.set(followed.tid, followed.spread.samples);
    for (const fd of [followed.schedstat, followed.stat, followed.syscall]) {
      if (fd < 0) continue;
      try {
        fs.closeSync(fd);
      } catch {
        // Closed already.
      }
    }
  }

  /** Reads the thread's figures into `followed.read`; false when it is gone. */
  #read(followed: Followed, atUs: number): boolean {
    try {
      if (!parseUnsignedFields(this.#buffer, this.#readFile(followed.schedstat), this.#counters)) return false;
      const onCpuNs = this.#counters[0]!;
      const runQueueNs = this.#counters[1]!;
      const timeslices = this.#counters[2]!;
      const last = followed.read;
      const unchanged = last !== null && last.onCpuNs === onCpuNs && last.runQueueNs === runQueueNs && last.timeslices === timeslices;
      let runnable = true;
      let onLock = false;
      if (unchanged && last.runnable) {
        // Still on its core or still queued: nothing else to read.
      } else {
        const state = this.#state(followed.stat);
        if (state < 0) return false;
        runnable = state === RUNNING_STATE;
        if (!runnable) onLock = unchanged && !last.runnable ? last.onLock : this.#onLock(followed.syscall);
      }
      if (last === null) followed.read = { atUs, onCpuNs, runQueueNs, timeslices, runnable, onLock };
      else {
        // Overwritten in place: the spread copies what it keeps into its columns.
        last.atUs = atUs;
        last.onCpuNs = onCpuNs;
        last.runQueueNs = runQueueNs;
        last.timeslices = timeslices;
        last.runnable = runnable;
        last.onLock = onLock;
      }
      return true;
    } catch {
      return false;
    }
  }

  /** `stat`'s state letter, or -1 when there is none. */
  #state(fd: number): number {
    const length = this.#readFile(fd);
    // `pid (comm) S …`: the name may hold spaces and parentheses, so the state follows the last
    // ')'. The name has at most 15 bytes and only numbers follow the state, so that ')' lies in
    // the first STAT_HEAD bytes: no need to scan the ~300 after them.
    for (let i = Math.min(length, STAT_HEAD) - 1; i >= 0; i--) if (this.#buffer[i] === CLOSING_PAREN) return i + 2 < length ? this.#buffer[i + 2]! : -1;
    return -1;
  }

  /** Asleep in futex (or, where `syscall` cannot be read, asleep at all: the GIL is assumed). */
  #onLock(fd: number): boolean {
    if (fd < 0) return true;
    const length = this.#readFile(fd);
    // "202 0x… …" while blocked in a system call, "running" on a CPU.
    return parseUnsignedFields(this.#buffer, length, this.#syscallNumber) && this.#syscallNumber[0] === FUTEX_NR;
  }

  #readFile(fd: number): number {
    this.#reads++;
    return fs.readSync(fd, this.#buffer, 0, this.#buffer.length, 0);
  }
}
