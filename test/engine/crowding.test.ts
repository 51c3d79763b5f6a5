import { describe, expect, it } from 'vitest';
import { busyDuring, countersOf, crowdedUs, judgesPythonRun, type CounterSeries } from '../../src/engine/crowding.js';

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

describe('which real Python runs are judged for crowding', () => {
  // Quiet, these read CPU as taken that no other program took: processes 6–12 %, CPython 2's
  // threads 16–17 % (its GIL battle's wake-ups wait for idle cores to wake).
  it('judges Python 3 threads, pools of threads and sequential runs; not processes, process pools or Python 2', () => {
    for (const strategy of ['sequential', 'threads', 'thread-pool', 'async']) expect(judgesPythonRun(strategy, 3)).toBe(true);
    for (const strategy of ['processes', 'process-pool']) expect(judgesPythonRun(strategy, 3)).toBe(false);
    for (const strategy of ['sequential', 'threads']) expect(judgesPythonRun(strategy, 2)).toBe(false);
  });
});
