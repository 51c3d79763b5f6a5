import { describe, expect, it } from 'vitest';
import { busyDuring, countersOf, crowdedUs, type CounterSeries } from '../../src/engine/crowding.js';
import { addSample, newCreditSpread } from '../../src/engine/python/credit-spread.js';
import { readCounters, type SampleSeries, type ThreadSample } from '../../src/engine/python/sample-series.js';
import { readings, sampleTimes, turns } from './schedstat-model.js';

/** A thread's samples from `[atUs, on-CPU µs, run-queue µs]`, cumulative, as the kernel counts them (in ns). */
function thread(...samples: [number, number, number][]): CounterSeries {
  return countersOf(samples.map(([atUs, onCpuUs, runQueueUs]) => ({ atUs, onCpuNs: onCpuUs * 1_000, runQueueNs: runQueueUs * 1_000 })));
}

/** A thread sampled every `periodUs` from 0 whose stretches were, in turn, `run` or `wait` (queued) or `off` (asleep). */
function pattern(periodUs: number, states: ('run' | 'wait' | 'off')[]): CounterSeries {
  const samples: [number, number, number][] = [[0, 0, 0]];
  let [onCpu, queued] = [0, 0];
  states.forEach((state, i) => {
    if (state === 'run') onCpu += periodUs;
    if (state === 'wait') queued += periodUs;
    samples.push([(i + 1) * periodUs, onCpu, queued]);
  });
  return thread(...samples);
}

describe('crowdedUs: the CPU other programs took from a run while its threads were ready for it', () => {
  it('4 CPU-bound threads on 2 cores wait for each other: nothing was taken from them', () => {
    const threads = [
      pattern(4_000, ['run', 'wait', 'run', 'wait']),
      pattern(4_000, ['wait', 'run', 'wait', 'run']),
      pattern(4_000, ['run', 'wait', 'wait', 'run']),
      pattern(4_000, ['wait', 'run', 'run', 'wait']),
    ];
    expect(crowdedUs(threads, 2)).toBe(0);
  });

  it('2 threads on 1 core wait for each other: nothing was taken from them', () => {
    const threads = [pattern(4_000, ['run', 'wait', 'run', 'wait']), pattern(4_000, ['wait', 'run', 'wait', 'run'])];
    expect(crowdedUs(threads, 1)).toBe(0);
  });

  it('a thread queued while a core was free lost that time to another program', () => {
    // Two threads on 2 cores, each queued for one 4 ms stretch: someone else had the cores.
    const threads = [pattern(4_000, ['run', 'wait', 'run', 'run']), pattern(4_000, ['run', 'run', 'run', 'wait'])];
    expect(crowdedUs(threads, 2)).toBe(8_000);
  });

  it('under a GIL the holder queued beside a waiter asleep on the lock lost all its queue time', () => {
    const holder = pattern(1_000, ['run', 'wait', 'wait', 'run', 'wait', 'run']);
    const waiter = pattern(1_000, ['off', 'off', 'off', 'off', 'off', 'off']);
    expect(crowdedUs([holder, waiter], 2)).toBe(3_000);
  });

  it('3 threads queued on 2 cores lost only the core time their own threads left unused', () => {
    // In each 4 ms stretch one core ran the run's thread and the other ran someone else: 4 ms lost per stretch.
    const threads = [pattern(4_000, ['run', 'wait', 'wait']), pattern(4_000, ['wait', 'run', 'wait']), pattern(4_000, ['wait', 'wait', 'run'])];
    expect(crowdedUs(threads, 2)).toBe(12_000);
  });

  it('queue time the kernel credits late (when the thread gets its core back) is placed where it was spent', () => {
    // Queued 0–8 ms while the other core was free: the 8 ms arrive in one lump at the 12 ms sample.
    const late = thread([0, 0, 0], [4_000, 0, 0], [8_000, 0, 0], [12_000, 4_000, 8_000]);
    expect(crowdedUs([late], 2)).toBe(8_000);
  });

  it('only the stretches where the run left a core unused count: a phase of 4 threads on 2 cores does not', () => {
    const busy = ['run', 'wait', 'run', 'wait'] as const;
    const threads = [
      pattern(4_000, [...busy, 'run', 'wait']),
      pattern(4_000, ['wait', 'run', 'wait', 'run', 'off', 'off']),
      pattern(4_000, [...busy, 'off', 'off']),
      pattern(4_000, ['wait', 'run', 'wait', 'run', 'off', 'off']),
    ];
    expect(crowdedUs(threads, 2)).toBe(4_000);
  });

  it("the tool's own threads (the sampler) use the run's cores: their CPU is not another program's", () => {
    const run = pattern(4_000, ['run', 'wait', 'run']);
    const sampler = pattern(4_000, ['off', 'run', 'off']);
    expect(crowdedUs([run], 1)).toBe(4_000);
    expect(crowdedUs([run], 1, [sampler])).toBe(0);
    // The tool's own queue time is not the run's.
    expect(crowdedUs([pattern(4_000, ['run', 'run'])], 2, [pattern(4_000, ['wait', 'wait'])])).toBe(0);
  });

  it('a process still starting, before the sampler knows it, takes a core of the run: not another program', () => {
    // 2 cores: one task's process runs, a second queues while two more start (their spawn spans).
    const running = pattern(4_000, ['run', 'run', 'run']);
    const queued = pattern(4_000, ['wait', 'wait', 'run']);
    expect(crowdedUs([running, queued], 2)).toBe(8_000);
    expect(crowdedUs([running, queued], 2, [busyDuring(0, 8_000)])).toBe(0);
    expect(crowdedUs([running, queued], 2, [busyDuring(0, 4_000)])).toBe(4_000);
  });

  it('samples taken at the same µs and a thread sampled once add nothing', () => {
    expect(crowdedUs([thread([0, 0, 0], [0, 0, 0], [4_000, 2_000, 2_000])], 2)).toBe(2_000);
    expect(crowdedUs([thread([5_000, 100, 100])], 2)).toBe(0);
    expect(crowdedUs([], 2)).toBe(0);
  });
});

/** A sampled thread as the Python sampler keeps it: its readings placed for drawing (credit-spread.ts). */
function sampled(samples: readonly ThreadSample[]): SampleSeries {
  const spread = newCreditSpread();
  for (const sample of samples) addSample(spread, sample);
  return spread.samples;
}

describe('crowdedUs reads the kernel as it credits: turns at ticks, waits on return, samples between', () => {
  const END_US = 400_000;
  // The Python sampler's ~1.1 ms, late by up to 0.3 ms: beats against the 4 ms tick.
  const times = sampleTimes(1_100, END_US);
  const coreTimeUs = 2 * END_US;

  it('four processes taking turns every tick on 2 cores, alone: nothing was taken', () => {
    const threads = [...turns(2, 4_000, END_US), ...turns(2, 4_000, END_US)].map((segments) => sampled(readings(segments, times)));
    expect(crowdedUs(threads.map(readCounters), 2)).toBeLessThan(0.001 * coreTimeUs);
    // Placed for drawing (on-CPU from each turn's start, waits back from their end), each
    // hand-off's turn and wait missed each other by part of a sample: 6.4 % read as taken.
    expect(crowdedUs(threads, 2)).toBeGreaterThan(0.05 * coreTimeUs);
  });

  it('beside a busy loop on one core, a third of that core was taken from the two processes queued there', () => {
    // Core 0: two of the run's processes and another program's loop take turns; core 1: two more.
    const [first, second] = turns(3, 4_000, END_US);
    const threads = [first!, second!, ...turns(2, 4_000, END_US)].map((segments) => sampled(readings(segments, times)));
    // The loop ran a third of core 0's time, while both were queued: 1/6 of the run's core time.
    expect(crowdedUs(threads.map(readCounters), 2) / coreTimeUs).toBeCloseTo(1 / 6, 2);
  });

  it('a turn and the wait that ended with it, credited at one sample, are placed alike: before it, newest first', () => {
    // One core: A ran 0–4 ms, B queued for it; both credited at the hand-off, seen at the 4 ms sample.
    const a = thread([0, 0, 0], [1_000, 0, 0], [2_000, 0, 0], [3_000, 0, 0], [4_000, 4_000, 0]);
    const b = thread([0, 0, 0], [1_000, 0, 0], [2_000, 0, 0], [3_000, 0, 0], [4_000, 0, 4_000]);
    expect(crowdedUs([a, b], 1)).toBe(0);
    // Alone, B's wait was for another program: all 4 ms.
    expect(crowdedUs([b], 1)).toBe(4_000);
    // B then ran 4–6 ms and queued 6–8 ms (credited on return at 8.5): the wait is the newer credit, nearest to its sample.
    const later = thread([0, 0, 0], [4_000, 0, 4_000], [6_500, 2_000, 4_000], [8_500, 2_000, 6_000]);
    expect(crowdedUs([later], 1)).toBe(6_000);
    expect(crowdedUs([later, busyDuring(6_000, 8_500)], 1)).toBe(4_000);
  });
});

describe("crowdedUs over the machine's window: never more than other programs ran", () => {
  // One thread on 2 cores, queued 4–8 ms of 0–12 ms (credited on its return at 8 ms), running otherwise.
  const queued = thread([0, 0, 0], [4_000, 4_000, 0], [8_000, 4_000, 4_000], [12_000, 8_000, 4_000]);
  const window = (idleUs: number) => ({ fromUs: 0, toUs: 12_000, cpus: 2, idleUs });

  it('a thread queued while the cores sat idle lost nothing to other programs (the kernel had not moved it yet)', () => {
    expect(crowdedUs([queued], 2)).toBe(4_000);
    // 24 ms of CPU time: the run used 8, the cores were idle 16: nobody else ran.
    expect(crowdedUs([queued], 2, [], window(16_000))).toBe(0);
  });

  it('what other programs ran bounds what they took; the rule bounds it too', () => {
    expect(crowdedUs([queued], 2, [], window(13_000))).toBe(3_000);
    expect(crowdedUs([queued], 2, [], window(0))).toBe(4_000);
    // The tool's CPU is the run's own, not other programs'.
    expect(crowdedUs([queued], 2, [busyDuring(0, 3_000)], window(13_000))).toBe(0);
  });

  it('only the window is judged', () => {
    expect(crowdedUs([queued], 2, [], { fromUs: 0, toUs: 6_000, cpus: 2, idleUs: 0 })).toBe(2_000);
    expect(crowdedUs([queued], 2, [], { fromUs: 8_000, toUs: 12_000, cpus: 2, idleUs: 0 })).toBe(0);
  });
});
