import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startRealSession, type RealSessionSpec } from '../../../src/engine/real/real-session.js';
import { childPids, countCall, task } from './helpers.js';

const session = (coresAsked: number, count: number, extra: Partial<RealSessionSpec> = {}): RealSessionSpec => ({
  workload: 'tasks',
  notes: [],
  strategies: ['sequential', 'processes'],
  spec: {
    tasks: [task('T1', countCall(count)), task('T2', countCall(count))],
    workers: 2,
    threads: 2,
    procs: 2,
    gil: 'none',
    switchIntervalUs: 5_000,
    coresAsked,
  },
  ...extra,
});

describe.runIf(process.platform === 'linux' && availableParallelism() > 1)(
  'a real session pinned to one core (hosted in a child under taskset)',
  { timeout: 120_000 },
  () => {
    it('draws live snapshots, tells each strategy, and ends with runs granted one core', async () => {
      const told: string[] = [];
      const running = startRealSession(session(1, 30_000_000, { onStrategy: (strategy) => told.push(strategy) }));
      let livePictures = 0;
      const ended = running.done.then(() => true);
      // A snapshot is asked for when drawn and arrives a moment later, as the dashboard polls.
      while (!(await Promise.race([ended, new Promise<false>((resolve) => setTimeout(() => resolve(false), 50))]))) {
        if (running.snapshot().runs.length > 0) livePictures++;
      }
      const trace = await running.done;
      expect(livePictures).toBeGreaterThan(0);
      expect(told).toEqual(['sequential', 'processes']);
      expect(trace.runs.map((run) => run.strategy)).toEqual(['sequential', 'processes']);
      for (const run of trace.runs) expect(run.setup).toMatchObject({ coresAsked: 1, coresGranted: 1 });
      expect(childPids()).toEqual([]);
    });

    it('cancel stops the host and everything it started', async () => {
      const running = startRealSession(session(1, 3_000_000_000));
      await expect.poll(() => childPids().length, { timeout: 60_000 }).toBeGreaterThan(0);
      await running.cancel('stopped by the test');
      expect(childPids()).toEqual([]);
      const trace = await running.done;
      expect(trace.runs.flatMap((run) => run.tasks.map((t) => t.error))).toContain('stopped by the test');
    });
  },
);
