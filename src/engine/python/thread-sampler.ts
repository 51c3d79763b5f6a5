import fs from 'node:fs';
import { addSample, halveOlder, newCreditSpread, type CreditSpread } from './credit-spread.js';

/**
 * What the kernel says about one thread at one instant: its cumulative on-CPU and run-queue time
 * (`/proc/<pid>/task/<tid>/schedstat`), whether it is runnable (`stat`'s state `R`) or asleep,
 * and, asleep, whether in `futex` (`syscall`): the GIL is a mutex and a condition variable, so a
 * thread waiting for it waits there, while a sleep, a socket or an event loop waits elsewhere.
 *
 * Figures are credited in lumps (on-CPU time at 4 ms ticks and switches, run-queue time when the
 * thread gets a core back): the sampler stores them spread over the samples they belong to
 * (`credit-spread.ts`), so a sample's increments say what the thread did since the one before.
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

/** The futex system call's number, by CPU architecture (Linux's syscall tables). */
const FUTEX: Partial<Record<NodeJS.Architecture, number>> = { x64: 202, arm64: 98, ia32: 240, arm: 240, riscv64: 98, ppc64: 221, s390x: 238 };
const FUTEX_NR = FUTEX[process.arch] ?? -1;

/** A thread sampled every ~1 ms for an hour is 3.6 M samples: older ones are halved past this. */
const MAX_SAMPLES = 65_536;

interface Followed {
  spread: CreditSpread;
  schedstat: number;
  stat: number;
  /** `/proc/…/syscall`, or -1 where it cannot be read (another user's process, no CONFIG_HAVE_ARCH_TRACEHOOK). */
  syscall: number;
}

/** Samples several threads (keyed by tid), keeping their files open: a read costs a few µs. */
export class ThreadSampler {
  readonly #followed = new Map<number, Followed>();
  readonly #ended = new Map<number, ThreadSample[]>();
  readonly #buffer = Buffer.alloc(1_024);

  /** Starts sampling thread `tid` of `pid` (once; a no-op when its files cannot be opened). */
  follow(pid: number, tid: number): void {
    if (this.#followed.has(tid) || this.#ended.has(tid)) return;
    try {
      const schedstat = fs.openSync(`/proc/${pid}/task/${tid}/schedstat`, 'r');
      const stat = fs.openSync(`/proc/${pid}/task/${tid}/stat`, 'r');
      let syscall = -1;
      try {
        syscall = fs.openSync(`/proc/${pid}/task/${tid}/syscall`, 'r');
      } catch {
        // Without it every sleep inside a CPU phase counts as waiting for the GIL.
      }
      this.#followed.set(tid, { spread: newCreditSpread(), schedstat, stat, syscall });
    } catch {
      // No /proc, or the thread ended already: its lane is drawn from its events alone.
    }
  }

  /** Reads every followed thread once; a thread that has exited is closed and kept. */
  sample(atUs: number): void {
    for (const [tid, followed] of this.#followed) {
      const sample = this.#read(followed, atUs);
      if (sample === null) this.#end(tid, followed);
      else {
        addSample(followed.spread, sample);
        if (followed.spread.samples.length > MAX_SAMPLES) halveOlder(followed.spread);
      }
    }
  }

  samples(tid: number): readonly ThreadSample[] {
    return this.#followed.get(tid)?.spread.samples ?? this.#ended.get(tid) ?? [];
  }

  close(): void {
    for (const [tid, followed] of this.#followed) this.#end(tid, followed);
  }

  #end(tid: number, followed: Followed): void {
    this.#followed.delete(tid);
    this.#ended.set(tid, followed.spread.samples);
    for (const fd of [followed.schedstat, followed.stat, followed.syscall].filter((fd) => fd >= 0)) {
      try {
        fs.closeSync(fd);
      } catch {
        // Closed already.
      }
    }
  }

  #read(followed: Followed, atUs: number): ThreadSample | null {
    try {
      const counters = this.#text(followed.schedstat).trim().split(/\s+/).map(Number);
      const stat = this.#text(followed.stat);
      // `pid (comm) S …`: the name may hold spaces and parentheses, so the state follows the last ')'.
      const state = stat.charAt(stat.lastIndexOf(')') + 2);
      if (counters.length < 3 || counters.some((n) => !Number.isFinite(n)) || state === '') return null;
      const runnable = state === 'R';
      // "202 0x… …" while blocked in a system call, "running" on a CPU.
      const onLock = !runnable && followed.syscall >= 0 ? Number(this.#text(followed.syscall).split(' ', 1)[0]) === FUTEX_NR : !runnable;
      return { atUs, onCpuNs: counters[0]!, runQueueNs: counters[1]!, timeslices: counters[2]!, runnable, onLock };
    } catch {
      return null;
    }
  }

  #text(fd: number): string {
    const bytes = fs.readSync(fd, this.#buffer, 0, this.#buffer.length, 0);
    return this.#buffer.toString('latin1', 0, bytes);
  }
}
