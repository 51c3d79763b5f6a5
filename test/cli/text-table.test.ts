import { describe, expect, it } from 'vitest';
import { withSpeedups, type RealStrategy, type Run } from '../../src/engine/index.js';
import { formatRunTable } from '../../src/cli/text-table.js';

/** A real run of two CPU-bound tasks on 2 cores. */
function realRun(strategy: RealStrategy, elapsedUs: number): Run {
  const task = (name: string) => ({ name, arrivalUs: 0, responseUs: 0, turnaroundUs: elapsedUs, waitUs: 0, cpuUs: elapsedUs, finishUs: elapsedUs });
  return {
    source: 'real',
    strategy,
    elapsedUs,
    cpuUtilization: 0.5,
    contextSwitches: 3,
    gilHandoffs: 0,
    speedupVsSequential: null,
    cores: 2,
    setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
    tasks: [task('count-1'), task('count-2')],
    lanes: [
      { id: 0, name: 'count-1', group: 'pool', arrivalUs: 0 },
      { id: 1, name: 'count-2', group: 'pool', arrivalUs: 0 },
    ],
    spans: [],
    instants: [],
  };
}

describe('formatRunTable', () => {
  it('flags a speed-up above min(tasks, cores) with ! and a reason, and stars the fastest undisturbed run', () => {
    // `run --scenario count` once printed `worker * real 1.581s 2.61x` on 2 cores with 2 tasks.
    const runs = withSpeedups([realRun('sequential', 4_127_000), realRun('threads', 1_581_000), realRun('processes', 2_100_000)]);
    const text = formatRunTable({ workload: 'count', runs, notes: [] }, 'count, real');
    expect(text).toMatch(/^threads\s+real\s+!1\.581s\s+2\.61x/m);
    expect(text).toMatch(/^processes \*\s+real\s+2\.100s\s+1\.97x/m);
    expect(text).toContain('! disturbed, never the fastest: threads (real): speed-up 2.61× above the limit 2.00 of 2 tasks on 2 cores');
  });

  it('shows a run in progress as how far it got, without a speed-up or a star', () => {
    const runs = withSpeedups([realRun('sequential', 2_000_000), { ...realRun('threads', 600_000), inProgress: true as const }]);
    const text = formatRunTable({ workload: 'count', runs, notes: [] }, 'count, real');
    expect(text).toMatch(/^threads\s+real\s+600\.0ms…\s+-\s/m);
    expect(text).not.toContain('*');
    expect(text).toContain('… still running: how far it got, not a result');
  });
});
