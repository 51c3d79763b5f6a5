import type { ThreadSample } from './thread-sampler.js';

/**
 * Where the kernel's lump credits belong. Read from another process, `schedstat` credits a
 * running thread's on-CPU time only at each 4 ms tick and when it leaves the core, and its
 * run-queue time only when it gets a core back. So a sample's raw increments say *how much*, not
 * *when*: a thread running through three samples shows nothing, then 4 ms at once; a thread
 * preempted for 3 ms shows nothing, then 3 ms of run-queue time on its return.
 *
 * What is known: while a thread is seen off a core (not runnable) its figures are exact, and it
 * can run or queue only while runnable. So each credit is placed inside the current *window* —
 * the samples since the thread was last seen off a core — that fits it: on-CPU time from the
 * window's start on (it was running until credited), run-queue time backwards from the sample
 * that credited it (the wait ended when it got the core back). Each interval holds at most its
 * own length. The interval in which the thread woke is used last: it was asleep for part of it.
 * Stored figures never run ahead of the kernel's, and totals are the kernel's exactly.
 */
export interface CreditSpread {
  /** The samples as stored: cumulative figures, spread. */
  samples: ThreadSample[];
  /** Index of the sample that opened the window: the thread was off a core there (or the first sample). */
  anchor: number;
  /** The first interval (by the index of the sample that ends it) that may still take on-CPU time. */
  fill: number;
}

export function newCreditSpread(): CreditSpread {
  return { samples: [], anchor: 0, fill: 1 };
}

/** Adds a sample as read and places the credit it brings. O(samples since the last credit) per sample. */
export function addSample(spread: CreditSpread, raw: ThreadSample): void {
  const { samples } = spread;
  const previous = samples.at(-1);
  if (previous === undefined) {
    samples.push(raw);
    spread.fill = raw.runnable ? 1 : 2;
    return;
  }
  // Credits not placed yet: what the kernel says now beyond what is stored (earlier leftovers included).
  let onCpuNs = raw.onCpuNs - previous.onCpuNs;
  let runQueueNs = raw.runQueueNs - previous.runQueueNs;
  samples.push({ ...raw, onCpuNs: previous.onCpuNs, runQueueNs: previous.runQueueNs });
  const last = samples.length - 1;
  const wake = wakeInterval(spread);
  const added = new Map<number, [onCpuNs: number, runQueueNs: number]>();
  const room = (i: number) => {
    const [cpu, queue] = added.get(i) ?? [0, 0];
    const share = samples[i]!.onCpuNs - samples[i - 1]!.onCpuNs + samples[i]!.runQueueNs - samples[i - 1]!.runQueueNs;
    return Math.max(0, (samples[i]!.atUs - samples[i - 1]!.atUs) * 1_000 - share - cpu - queue);
  };
  const give = (i: number, cpu: number, queue: number) => {
    const [c, q] = added.get(i) ?? [0, 0];
    added.set(i, [c + cpu, q + queue]);
  };
  // Run-queue time: the wait ended in this interval, so it fills backwards from here (intervals
  // before `fill` are full), the wake-up's interval last.
  const backwards = [...range(last, spread.fill), ...(wake > 0 && wake <= last ? [wake] : [])];
  for (const i of backwards) {
    if (runQueueNs <= 0) break;
    const taken = Math.min(runQueueNs, room(i));
    give(i, 0, taken);
    runQueueNs -= taken;
  }
  // On-CPU time: from the window's start on. Once the thread is off a core, the interval in which
  // it left and the one in which it woke were each partly asleep: what the others cannot hold is
  // shared between those two.
  const closing = !raw.runnable;
  for (let i = spread.fill; i <= (closing ? last - 1 : last) && onCpuNs > 0; i++) {
    const taken = Math.min(onCpuNs, room(i));
    give(i, taken, 0);
    onCpuNs -= taken;
    if (room(i) === 0) spread.fill = i + 1;
  }
  if (closing) {
    const edges = wake > 0 && wake < last ? [last, wake, last] : [last];
    edges.forEach((i, n) => {
      const taken = Math.min(n === 0 && edges.length > 1 ? Math.ceil(onCpuNs / 2) : onCpuNs, room(i));
      give(i, taken, 0);
      onCpuNs -= taken;
    });
    spread.anchor = last;
    spread.fill = last + 2;
  }
  apply(samples, added);
  // Credit with no room left (a sample's time read a few µs off) stays pending: the next sample places it.
}

/** last, last - 1, …, down to `from` (none when from > last). */
function range(last: number, from: number): number[] {
  const indices: number[] = [];
  for (let i = last; i >= from; i--) indices.push(i);
  return indices;
}

/** The interval in which the thread woke (0 when the window opened on a runnable thread: nothing to hold back). */
function wakeInterval(spread: CreditSpread): number {
  const opening = spread.samples[spread.anchor];
  return opening !== undefined && !opening.runnable ? spread.anchor + 1 : 0;
}

/** Adds each interval's new shares to every cumulative figure from it on. */
function apply(samples: ThreadSample[], touched: ReadonlyMap<number, readonly [number, number]>): void {
  if (touched.size === 0) return;
  const from = Math.min(...touched.keys());
  let cpu = 0;
  let queue = 0;
  for (let i = from; i < samples.length; i++) {
    const [c, q] = touched.get(i) ?? [0, 0];
    cpu += c;
    queue += q;
    if (cpu !== 0 || queue !== 0) samples[i] = { ...samples[i]!, onCpuNs: samples[i]!.onCpuNs + cpu, runQueueNs: samples[i]!.runQueueNs + queue };
  }
}

/**
 * Drops every other sample of the older half (counters are cumulative, so only detail is lost)
 * and moves the window's indices with the samples they name.
 */
export function halveOlder(spread: CreditSpread): void {
  const { samples } = spread;
  const half = samples.length >> 1;
  const kept = samples.slice(0, half).filter((_sample, i) => i % 2 === 0);
  samples.splice(0, half, ...kept);
  // Sample 2m of the older half is now m; an interval ending at a dropped sample merges into the next.
  const moved = (i: number) => (i < half ? Math.ceil(i / 2) : i - half + kept.length);
  spread.anchor = moved(spread.anchor);
  spread.fill = Math.max(wakeInterval(spread) + 1, spread.anchor + 1, moved(spread.fill));
}
