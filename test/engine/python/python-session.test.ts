import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/engine/index.js';
import { probeInterpreter } from '../../../src/engine/python/interpreter.js';
import { startPythonSession } from '../../../src/engine/python/python-session.js';

const python = probeInterpreter('python3');

/** True when every task's first wait started before any task's wait ended. */
function waitsOverlap(run: Run): boolean {
  const waits = run.lanes.map((lane) => run.spans.filter((span) => span.lane === lane.id && span.state === 'io'));
  const latestStart = Math.max(...waits.map((spans) => spans[0]!.startUs));
  const earliestEnd = Math.min(...waits.map((spans) => spans.at(-1)!.endUs));
  return latestStart < earliestEnd;
}

describe('startPythonSession', () => {
  it('runs the strategies in turn, with speed-ups against the sequential run, and queries the loopback database', async () => {
    const tasks = [0, 1, 2].map((i) => ({ name: `query-${i + 1}`, arrivalUs: 0, calls: [{ workload: 'query' as const, argument: 150 }] }));
    const session = startPythonSession({
      workload: 'tasks',
      notes: [],
      strategies: ['sequential', 'threads', 'async'],
      spec: { python, tasks, threads: 2, procs: 2, switchIntervalUs: 5_000, checkInterval: 100, cores: 2 },
    });
    const trace = await session.done;
    expect(trace.runs.map((run) => run.strategy)).toEqual(['sequential', 'threads', 'async']);
    for (const run of trace.runs) expect(run.tasks.map((task) => task.error)).toEqual([undefined, undefined, undefined]);
    const [sequential, threads, asyncRun] = trace.runs;
    // Three 150 ms waits: in turn they add up; in threads or coroutines they overlap (whatever the machine's load).
    expect(sequential!.elapsedUs).toBeGreaterThanOrEqual(450_000);
    expect(waitsOverlap(sequential!)).toBe(false);
    expect(waitsOverlap(threads!)).toBe(true);
    expect(waitsOverlap(asyncRun!)).toBe(true);
    expect(threads!.speedupVsSequential).toBeCloseTo(sequential!.elapsedUs / threads!.elapsedUs, 6);
  }, 60_000);

  it('cancelling stops the run in progress and skips the rest', async () => {
    const tasks = [{ name: 'hang', arrivalUs: 0, calls: [{ workload: 'fault' as const, argument: 3 }] }];
    const session = startPythonSession({
      workload: 'tasks',
      notes: [],
      strategies: ['threads', 'processes'],
      spec: { python, tasks, threads: 2, procs: 2, switchIntervalUs: 5_000, checkInterval: 100, cores: 2 },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await session.cancel('stopped');
    const trace = await session.done;
    expect(trace.runs.map((run) => [run.strategy, run.tasks[0]?.error])).toEqual([['threads', 'stopped']]);
  }, 60_000);
});
