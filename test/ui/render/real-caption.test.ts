import { describe, expect, it } from 'vitest';
import { withSpeedups, type RealStrategy, type Run, type Trace } from '../../../src/engine/index.js';
import { realCaption } from '../../../src/ui/render/real-caption.js';

/** A finished real run: `cpuUtilization` of 2 cores busy for `elapsedUs` (lanes do not matter here). */
function realRun(strategy: RealStrategy, elapsedUs: number, cpuUtilization: number): Run {
  return {
    source: 'real',
    strategy,
    elapsedUs,
    cpuUtilization,
    contextSwitches: 0,
    gilHandoffs: 0,
    speedupVsSequential: null,
    cores: 2,
    setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
    tasks: [],
    lanes: [],
    spans: [],
    instants: [],
  };
}

/** No emulated runs beside the real ones: the real figures alone. */
const NO_EMULATION: Trace = { workload: 'count', runs: [], notes: [] };

/** CPU-bound runs where async took 0.69× the sequential time. */
const fastAsync = (workload: string): Trace => ({
  workload,
  runs: withSpeedups([realRun('sequential', 1_000_000, 0.5), realRun('async', 690_000, 0.7)]),
  notes: [],
});

describe('real caption', () => {
  it("credits libuv's thread pool for a fast async run of a workload that compresses", () => {
    expect(realCaption(fastAsync('compress'), NO_EMULATION, false)).toBe(
      "Real: Node's async zlib runs on libuv's thread pool: several cores (async 1.45× sequential).",
    );
  });

  it('says nothing of zlib for workloads without it (juggle, add-sub, a --tasks list)', () => {
    for (const workload of ['juggle', 'add-sub', 'count', 'tasks']) {
      const text = realCaption(fastAsync(workload), NO_EMULATION, false);
      expect(text).not.toMatch(/zlib|libuv/);
      // CPU-bound work has no waits to overlap either.
      expect(text).not.toMatch(/waits overlapped/);
    }
  });

  it('still says the waits overlapped when async ran I/O faster than sequential', () => {
    const trace: Trace = { workload: 'sleep', runs: withSpeedups([realRun('sequential', 3_000_000, 0), realRun('async', 2_000_000, 0)]), notes: [] };
    expect(realCaption(trace, NO_EMULATION, false)).toBe('Real: the waits overlapped: async 1.50× sequential.');
  });
});

describe('real caption with failed tasks', () => {
  it('says how many tasks failed and points under the table for why, without repeating the reason', () => {
    const task = (name: string, error?: string) => ({
      name,
      arrivalUs: 0,
      responseUs: 0,
      turnaroundUs: 1,
      waitUs: 0,
      cpuUs: 1,
      finishUs: 1,
      ...(error ? { error } : {}),
    });
    const runs = [
      { ...realRun('sequential', 1_000, 0.5), tasks: [task('a'), task('b')] },
      { ...realRun('async', 150, 0.5), tasks: [task('a', 'timed out after 150 ms'), task('b', 'timed out after 150 ms')] },
    ];
    const text = realCaption({ workload: 'count', runs: withSpeedups(runs), notes: [] }, NO_EMULATION, false);
    expect(text).toBe('Real: 2 of 4 tasks failed (why: under the table); their bars end in ✗.');
  });
});

describe('real caption with a disturbed run', () => {
  const task = (name: string) => ({ name, arrivalUs: 0, responseUs: 0, turnaroundUs: 1, waitUs: 0, cpuUs: 1, finishUs: 1 });
  const twoTasks = (run: Run): Run => ({ ...run, tasks: [task('count-1'), task('count-2')] });

  it('quotes no speed-up and says which run was disturbed, where a slow sequential run made threads read above the limit', () => {
    const runs = withSpeedups([twoTasks(realRun('sequential', 2_600_000, 0.5)), twoTasks(realRun('threads', 1_000_000, 1))]);
    const text = realCaption({ workload: 'count', runs, notes: [] }, NO_EMULATION, false);
    expect(text).toBe('Real: threads disturbed from outside (! why: under the table); r runs them again.');
    expect(text).not.toMatch(/\d\.\d\d×/);
  });

  it('does not ask for a sequential run that is there but disturbed (CPU steal)', () => {
    const sequential = { ...twoTasks(realRun('sequential', 1_000_000, 0.5)), stealUs: 200_000 }; // 10 % of its 2 cores' time
    const runs = withSpeedups([sequential, twoTasks(realRun('threads', 900_000, 0.6))]);
    expect(realCaption({ workload: 'count', runs, notes: [] }, NO_EMULATION, false)).toBe(
      'Real: sequential disturbed from outside (! why: under the table); r runs them again.',
    );
  });
});

describe('real caption beside a disturbed run of another strategy', () => {
  const task = (name: string) => ({ name, arrivalUs: 0, responseUs: 0, turnaroundUs: 1, waitUs: 0, cpuUs: 1, finishUs: 1 });
  const twoTasks = (run: Run): Run => ({ ...run, tasks: [task('a'), task('b')] });

  it('still gives the lesson the undisturbed runs show (async overlapped waits; threads read above the limit)', () => {
    const runs = withSpeedups([
      twoTasks(realRun('sequential', 3_000_000, 0)),
      twoTasks(realRun('async', 2_000_000, 0)),
      { ...twoTasks(realRun('threads', 1_000_000, 0)), stealUs: 400_000 },
    ]);
    expect(realCaption({ workload: 'sleep', runs, notes: [] }, NO_EMULATION, false)).toBe('Real: the waits overlapped: async 1.50× sequential.');
  });
});
