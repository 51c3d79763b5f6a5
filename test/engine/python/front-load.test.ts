import { describe, expect, it } from 'vitest';
import { frontLoad, type ThreadSample } from '../../../src/engine/python/thread-sampler.js';

const sample = (atUs: number, onCpuUs: number, timeslices: number): ThreadSample => ({
  atUs,
  onCpuNs: onCpuUs * 1_000,
  runQueueNs: 0,
  timeslices,
  runnable: true,
  onLock: false,
});

/** Feeds samples through frontLoad and returns the stored on-CPU figures in µs. */
function stored(samples: ThreadSample[]): number[] {
  const followed = { samples: [] as ThreadSample[], turnStart: 0 };
  for (const s of samples) frontLoad(followed, s);
  return followed.samples.map((s) => s.onCpuNs / 1_000);
}

describe('frontLoad: on-CPU time credited in 4 ms lumps, spread from the start of the turn', () => {
  it('a thread running through samples that the kernel credits only at ticks runs in every sample', () => {
    // Sampled every 1 ms, credited 4 ms at each tick, no new timeslice: it never left the CPU.
    expect(stored([sample(0, 0, 5), sample(1_000, 0, 5), sample(2_000, 0, 5), sample(3_000, 0, 5), sample(4_000, 4_000, 5), sample(5_000, 4_000, 5)])).toEqual([
      0, 1_000, 2_000, 3_000, 4_000, 4_000,
    ]);
  });

  it('a thread credited 1.5 ms and then off the CPU ran first, then waited (the credit is not spread over the wait)', () => {
    expect(stored([sample(0, 10, 1), sample(1_000, 10, 1), sample(2_000, 1_510, 1), sample(3_000, 1_510, 1)])).toEqual([10, 1_010, 1_510, 1_510]);
  });

  it('a new timeslice starts a new turn: credit before it stays where it was', () => {
    expect(stored([sample(0, 0, 1), sample(1_000, 0, 1), sample(2_000, 500, 2), sample(3_000, 500, 2), sample(4_000, 2_500, 2)])).toEqual([
      0, 0, 500, 1_500, 2_500,
    ]);
  });
});
