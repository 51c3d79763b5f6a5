import { SampleSeries, type ThreadSample } from './sample-series.js';

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
 *
 * It runs on every sample of every thread, so it allocates nothing: a credit is added to the
 * stored columns at once (`SampleSeries.credit`), which leaves every other interval's share as
 * it was, so what an interval can still hold is read from the columns themselves.
 */
export interface CreditSpread {
  /** The samples as stored: cumulative figures, spread. */
  samples: SampleSeries;
  /** Index of the sample that opened the window: the thread was off a core there (or the first sample). */
  anchor: number;
  /** The first interval (by the index of the sample that ends it) that may still take on-CPU time. */
  fill: number;
}

export function newCreditSpread(): CreditSpread {
  return { samples: new SampleSeries(), anchor: 0, fill: 1 };
}

/** What interval `i` (from sample i - 1 to sample i) can still take, in ns. */
function room(samples: SampleSeries, i: number): number {
  const share = samples.onCpuNs(i) - samples.onCpuNs(i - 1) + samples.runQueueNs(i) - samples.runQueueNs(i - 1);
  return Math.max(0, (samples.atUs(i) - samples.atUs(i - 1)) * 1_000 - share);
}

/** Adds a sample as read and places the credit it brings. O(samples since the last credit) per sample. */
export function addSample(spread: CreditSpread, raw: Readonly<ThreadSample>): void {
  const { samples } = spread;
  if (samples.length === 0) {
    samples.push(raw.atUs, raw.onCpuNs, raw.runQueueNs, raw.timeslices, raw.runnable, raw.onLock);
    spread.fill = raw.runnable ? 1 : 2;
    return;
  }
  const previous = samples.length - 1;
  // Credits not placed yet: what the kernel says now beyond what is stored (earlier leftovers included).
  let onCpuNs = raw.onCpuNs - samples.onCpuNs(previous);
  let runQueueNs = raw.runQueueNs - samples.runQueueNs(previous);
  samples.push(raw.atUs, samples.onCpuNs(previous), samples.runQueueNs(previous), raw.timeslices, raw.runnable, raw.onLock, raw.onCpuNs, raw.runQueueNs);
  const last = previous + 1;
  const closing = !raw.runnable;
  const wake = wakeInterval(spread);
  // Run-queue time: the wait ended in this interval, so it fills backwards from here (intervals
  // before `fill` are full), the wake-up's interval last.
  for (let i = last; i >= spread.fill && runQueueNs > 0; i--) runQueueNs -= giveRunQueue(samples, i, runQueueNs);
  if (wake > 0 && wake <= last && runQueueNs > 0) runQueueNs -= giveRunQueue(samples, wake, runQueueNs);
  // On-CPU time: from the window's start on. Once the thread is off a core, the interval in which
  // it left and the one in which it woke were each partly asleep: what the others cannot hold is
  // shared between those two.
  for (let i = spread.fill; i <= (closing ? last - 1 : last) && onCpuNs > 0; i++) {
    onCpuNs -= giveOnCpu(samples, i, onCpuNs);
    if (room(samples, i) === 0) spread.fill = i + 1;
  }
  if (closing) {
    if (wake > 0 && wake < last) {
      onCpuNs -= giveOnCpu(samples, last, Math.ceil(onCpuNs / 2));
      onCpuNs -= giveOnCpu(samples, wake, onCpuNs);
    }
    giveOnCpu(samples, last, onCpuNs);
    spread.anchor = last;
    spread.fill = last + 2;
  }
  // Credit with no room left (a sample's time read a few µs off) stays pending: the next sample places it.
}

/** Gives interval `i` as much of an on-CPU credit as it can hold; returns what it took. */
function giveOnCpu(samples: SampleSeries, i: number, creditNs: number): number {
  const taken = Math.min(creditNs, room(samples, i));
  samples.credit(i, taken, 0);
  return taken;
}

/** Gives interval `i` as much of a run-queue credit as it can hold; returns what it took. */
function giveRunQueue(samples: SampleSeries, i: number, creditNs: number): number {
  const taken = Math.min(creditNs, room(samples, i));
  samples.credit(i, 0, taken);
  return taken;
}

/** The interval in which the thread woke (0 when the window opened on a runnable thread: nothing to hold back). */
function wakeInterval(spread: CreditSpread): number {
  const { samples, anchor } = spread;
  return anchor < samples.length && !samples.runnable(anchor) ? anchor + 1 : 0;
}

/**
 * Drops every other sample of the older half (counters are cumulative, so only detail is lost)
 * and moves the window's indices with the samples they name.
 */
export function halveOlder(spread: CreditSpread): void {
  const before = spread.samples.length;
  const half = spread.samples.halveOlder();
  const kept = spread.samples.length - (before - half);
  // Sample 2m of the older half is now m; an interval ending at a dropped sample merges into the next.
  const moved = (i: number) => (i < half ? Math.ceil(i / 2) : i - half + kept);
  spread.anchor = moved(spread.anchor);
  spread.fill = Math.max(wakeInterval(spread) + 1, spread.anchor + 1, moved(spread.fill));
}
