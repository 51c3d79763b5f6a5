import { describe, expect, it } from 'vitest';
import { disturbanceOf, speedupLimit } from '../../src/engine/disturbance.js';
import type { RealStrategy } from '../../src/engine/real/strategy-context.js';
import type { RealRun } from '../../src/engine/runs.js';
import type { Span } from '../../src/engine/trace.js';
import { withSpeedups } from '../../src/engine/trace.js';

/** A real run of `taskCount` tasks lasting `elapsedUs`, each task `ioUs` of it in I/O. */
function run(strategy: RealStrategy, elapsedUs: number, taskCount = 2, ioUs = 0): RealRun {
  const spans: Span[] = Array.from({ length: taskCount }, (_, lane): Span[] => [
    { lane, state: 'io', startUs: 0, endUs: ioUs },
    { lane, state: 'running', startUs: ioUs, endUs: elapsedUs },
  ]).flat();
  return {
    source: 'real',
    strategy,
    elapsedUs,
    cpuUtilization: 0.5,
    contextSwitches: 0,
    gilHandoffs: 0,
    speedupVsSequential: null,
    cores: 2,
    setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
    tasks: Array.from({ length: taskCount }, (_, i) => ({
      name: `T${i + 1}`,
      arrivalUs: 0,
      responseUs: 0,
      turnaroundUs: elapsedUs,
      waitUs: 0,
      cpuUs: elapsedUs - ioUs,
      finishUs: elapsedUs,
    })),
    lanes: Array.from({ length: taskCount }, (_, id) => ({ id, name: `T${id + 1}`, group: 'pool', arrivalUs: 0 })),
    spans: strategy === 'sequential' ? spans : [],
    instants: [],
  };
}

describe('speedupLimit', () => {
  it('is min(tasks, cores) for CPU-bound tasks', () => {
    expect(speedupLimit(run('threads', 1), run('sequential', 4_000_000, 2)).limit).toBe(2);
    expect(speedupLimit(run('threads', 1, 8), run('sequential', 4_000_000, 8)).limit).toBe(2);
  });

  it('rises with the I/O that overlaps: 20 sleeps may be 20× faster on 2 cores', () => {
    // 20 tasks of 100 ms I/O in turn: 2 s, all of it I/O.
    const sequential = run('sequential', 2_000_000, 20);
    sequential.spans = Array.from({ length: 20 }, (_, lane): Span => ({ lane, state: 'io', startUs: lane * 100_000, endUs: (lane + 1) * 100_000 }));
    expect(speedupLimit(run('async', 1, 20), sequential)).toEqual({ limit: 20, ioShare: 1 });
  });
});

describe('disturbanceOf, through withSpeedups', () => {
  it('flags a speed-up above min(tasks, cores): 2 tasks on 2 cores 2.61× faster, as `run` once printed', () => {
    const [sequential, worker] = withSpeedups([run('sequential', 4_127_000), run('threads', 1_581_000)]);
    expect(worker!.speedupVsSequential).toBeCloseTo(2.61, 2);
    expect(worker).toMatchObject({ disturbed: true, disturbedReason: 'speed-up 2.61× above the limit 2.00 of 2 tasks on 2 cores' });
    expect(sequential).toMatchObject({ disturbed: false, disturbedReason: null });
  });

  it('leaves a speed-up at the limit alone, to the table’s precision', () => {
    const [, worker] = withSpeedups([run('sequential', 2_000_000), run('threads', 999_000)]);
    expect(worker!.speedupVsSequential).toBeCloseTo(2.002, 3);
    expect(worker).toMatchObject({ disturbed: false, disturbedReason: null });
  });

  it('flags CPU steal above 5 % of the run’s core time, and says how much', () => {
    // 2 cores × 1 s = 2 s of core time: 150 ms of steal is 7.5 %, 90 ms is 4.5 %.
    expect(disturbanceOf({ ...run('threads', 1_000_000), stealUs: 150_000 }, undefined)).toEqual({
      disturbed: true,
      disturbedReason: 'CPU steal 150ms during the run (8% of its core time)',
    });
    expect(disturbanceOf({ ...run('threads', 1_000_000), stealUs: 90_000 }, undefined).disturbed).toBe(false);
  });

  it('flags CPU other programs took from the run above 15 % of its core time, and says how much', () => {
    // 2 cores × 2 s = 4 s of core time: 812 ms is 20.3 %, 590 ms is 14.75 %.
    expect(disturbanceOf({ ...run('threads', 2_000_000), crowdedUs: 812_000 }, undefined)).toEqual({
      disturbed: true,
      disturbedReason: 'other programs took 812ms of the CPU it was ready for (20% of its core time)',
    });
    expect(disturbanceOf({ ...run('threads', 2_000_000), crowdedUs: 590_000 }, undefined).disturbed).toBe(false);
    expect(disturbanceOf({ ...run('threads', 2_000_000), crowdedUs: 0 }, undefined).disturbed).toBe(false);
  });

  it('a session carries the crowding verdict into the trace, beside steal', () => {
    const [sequential, worker] = withSpeedups([
      { ...run('sequential', 2_000_000), crowdedUs: 700_000 },
      { ...run('threads', 1_000_000), crowdedUs: 10_000, stealUs: 150_000 },
    ]);
    expect(sequential).toMatchObject({ disturbed: true, disturbedReason: 'other programs took 700ms of the CPU it was ready for (18% of its core time)' });
    expect(worker).toMatchObject({ disturbed: true, disturbedReason: 'CPU steal 150ms during the run (8% of its core time)' });
  });

  it('gives both reasons when both apply', () => {
    const [, worker] = withSpeedups([run('sequential', 3_000_000), { ...run('threads', 1_000_000), stealUs: 200_000 }]);
    expect(worker!.disturbedReason).toBe('speed-up 3.00× above the limit 2.00 of 2 tasks on 2 cores; CPU steal 200ms during the run (10% of its core time)');
  });

  it('gives a run in progress no speed-up, so nothing to flag yet', () => {
    const runs = withSpeedups([run('sequential', 4_000_000), { ...run('threads', 1_000_000), inProgress: true as const }]);
    expect(runs[1]).toMatchObject({ speedupVsSequential: null, disturbed: false });
  });
});
