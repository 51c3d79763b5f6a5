import { describe, expect, it } from 'vitest';
import { addSample, halveOlder, newCreditSpread } from '../../../src/engine/python/credit-spread.js';
import { readCounters, type ThreadSample } from '../../../src/engine/python/sample-series.js';

const sample = (atUs: number, onCpuUs: number, runnable = true, runQueueUs = 0): ThreadSample => ({
  atUs,
  onCpuNs: onCpuUs * 1_000,
  runQueueNs: runQueueUs * 1_000,
  timeslices: 0,
  runnable,
  onLock: !runnable,
});

/** Feeds samples through the spread and returns the stored [on-CPU, run-queue] figures in µs. */
function stored(samples: ThreadSample[]): [number, number][] {
  const spread = newCreditSpread();
  for (const s of samples) addSample(spread, s);
  return spread.samples.toArray().map((s) => [s.onCpuNs / 1_000, s.runQueueNs / 1_000]);
}
const onCpu = (samples: ThreadSample[]) => stored(samples).map(([cpu]) => cpu);

describe('credit spread: the kernel credits in lumps, each placed where it belongs', () => {
  it('a thread running through samples that the kernel credits only at ticks runs in every sample', () => {
    // Sampled every 1 ms, credited 4 ms at the tick: it never left the CPU.
    expect(onCpu([sample(0, 0), sample(1_000, 0), sample(2_000, 0), sample(3_000, 0), sample(4_000, 4_000), sample(5_000, 4_000)])).toEqual([
      0, 1_000, 2_000, 3_000, 4_000, 4_000,
    ]);
  });

  it('a thread credited 1.5 ms and then off the CPU ran first, then waited (the credit is not spread over the wait)', () => {
    expect(onCpu([sample(0, 10), sample(1_000, 10), sample(2_000, 1_510, false), sample(3_000, 1_510, false)])).toEqual([10, 1_010, 1_510, 1_510]);
  });

  it('credit at a preemption belongs to the samples before it, though the timeslice count changed', () => {
    // Ran 0–2.9 ms (credited exactly when preempted), queued 0.3 ms (credited on its return), ran on.
    expect(stored([sample(0, 0), sample(1_000, 0), sample(2_000, 0), sample(3_000, 0), sample(4_000, 2_900, true, 300)])).toEqual([
      [0, 0],
      [1_000, 0],
      [2_000, 0],
      [2_900, 0],
      [2_900, 300],
    ]);
  });

  it('a wait of several samples, credited on return, fills backwards from it; on-CPU time fills forwards', () => {
    expect(stored([sample(0, 0), sample(1_000, 1_000), sample(2_000, 1_000), sample(3_000, 1_000), sample(4_000, 1_500, true, 2_000)])).toEqual([
      [0, 0],
      [1_000, 0],
      [1_500, 0],
      [1_500, 1_000],
      [1_500, 2_000],
    ]);
  });

  it('a thread that woke inside a sample ran after waking: what the later samples cannot hold goes to the wake-up', () => {
    // Asleep at 0, woke at 0.6 ms, ran until 3.3 ms, asleep at 4 ms: 2.7 ms credited when it slept.
    // The samples between hold 2 ms; the 0.7 ms left is shared by the wake-up's and the last sample.
    expect(onCpu([sample(0, 0, false), sample(1_000, 0), sample(2_000, 0), sample(3_000, 0), sample(4_000, 2_700, false)])).toEqual([
      0, 350, 1_350, 2_350, 2_700,
    ]);
  });

  it('halving keeps the figures cumulative and the window on the same samples', () => {
    const spread = newCreditSpread();
    for (let i = 0; i <= 8; i++) addSample(spread, sample(i * 1_000, 0, i !== 6));
    halveOlder(spread);
    addSample(spread, sample(9_000, 2_500));
    addSample(spread, sample(10_000, 2_500, false));
    expect(spread.samples.toArray().map((s) => [s.atUs, s.onCpuNs / 1_000])).toEqual([
      [0, 0],
      [2_000, 0],
      [4_000, 0],
      [5_000, 0],
      [6_000, 0],
      // Woke in 6–7 ms, ran until asleep at 10 ms: the two edges share what 7–9 ms cannot hold.
      [7_000, 250],
      [8_000, 1_250],
      [9_000, 2_250],
      [10_000, 2_500],
    ]);
  });

  it("keeps the kernel's figures as read beside the placed ones, through halving (crowding.ts reads them)", () => {
    const spread = newCreditSpread();
    const read = [sample(0, 0), sample(1_000, 0), sample(2_000, 0), sample(3_000, 0), sample(4_000, 1_500, true, 2_000), sample(5_000, 2_500, true, 2_000)];
    for (const s of read) addSample(spread, s);
    const { samples } = spread;
    const asRead = () => Array.from({ length: samples.length }, (_, i) => [samples.atUs(i), samples.readOnCpuNs(i) / 1_000, samples.readRunQueueNs(i) / 1_000]);
    expect(asRead()).toEqual(read.map((s) => [s.atUs, s.onCpuNs / 1_000, s.runQueueNs / 1_000]));
    // The placed figures differ (on-CPU time forwards from the window's start, the wait backwards): what the lanes draw.
    expect([samples.onCpuNs(2), samples.runQueueNs(2)]).toEqual([2_000_000, 0]);
    const counters = readCounters(samples);
    expect([counters.length, counters.onCpuNs(4), counters.runQueueNs(4)]).toEqual([6, 1_500_000, 2_000_000]);
    halveOlder(spread);
    expect(asRead()).toEqual([0, 2, 3, 4, 5].map((i) => [read[i]!.atUs, read[i]!.onCpuNs / 1_000, read[i]!.runQueueNs / 1_000]));
  });
});
