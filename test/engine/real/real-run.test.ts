import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../../src/engine/real/faults.js';
import { startRealRun } from '../../../src/engine/real/real-run.js';
import { REAL_STRATEGIES } from '../../../src/engine/real/strategy-context.js';
import { childPids, countCall, ending, faultCall, laneSpans, runReal, sleepCall, task, timeIn } from './helpers.js';

const SMALL_COUNT = 20_000_000;

describe.each(REAL_STRATEGIES)('the %s strategy', (strategy) => {
  it('runs every task to done, with lanes whose spans never overlap', async () => {
    const run = await runReal({ strategy, tasks: [task('a', countCall(SMALL_COUNT)), task('b', countCall(SMALL_COUNT), sleepCall(20))] });
    expect(run.source).toBe('real');
    expect(run.strategy).toBe(strategy);
    for (const lane of [0, 1]) {
      expect(ending(run, lane)).toBe('done');
      const spans = laneSpans(run, lane);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.startUs).toBeGreaterThanOrEqual(spans[i - 1]!.endUs);
      expect(timeIn(run, lane).running).toBeGreaterThan(1_000);
    }
    expect(timeIn(run, 1).io).toBeGreaterThanOrEqual(19_000);
    expect(run.tasks.every((t) => t.error === undefined)).toBe(true);
    expect(run.elapsedUs).toBe(Math.max(...run.tasks.map((t) => t.finishUs)));
  });

  it('a throwing workload fails its lane with the reason; the other lane finishes', async () => {
    const run = await runReal({ strategy, tasks: [task('bad', faultCall(FAULTS.throw)), task('good', countCall(SMALL_COUNT))] });
    expect(ending(run, 0)).toBe('failed');
    expect(run.tasks[0]!.error).toBe('injected fault: the workload threw');
    expect(ending(run, 1)).toBe('done');
  });
});

describe('the setup record', () => {
  it('says what the run was made with: cores it had, the real lock, the pool, the timeout', async () => {
    const run = await runReal({
      strategy: 'thread-pool',
      threads: 3,
      gil: 'new',
      switchIntervalUs: 2_000,
      timeoutUs: 60_000_000,
      tasks: [task('a', countCall(1_000))],
    });
    expect(run.setup).toEqual({
      runtime: 'node',
      coresGranted: availableParallelism(),
      coresAsked: null,
      gil: 'new',
      gilLock: true,
      switchIntervalUs: 2_000,
      threads: 3,
      // --threads made the pool another size than its twin's --workers: the record says so.
      twinWorkers: 2,
      timeoutUs: 60_000_000,
    });
    const process = await runReal({ strategy: 'process-pool', procs: 1, tasks: [task('a', countCall(1_000))] });
    expect(process.setup).toEqual({
      runtime: 'node',
      coresGranted: availableParallelism(),
      coresAsked: null,
      gil: 'none',
      gilLock: false,
      procs: 1,
      twinWorkers: 2,
    });
    const twin = await runReal({ strategy: 'process-pool', tasks: [task('a', countCall(1_000))] });
    expect(twin.setup).toMatchObject({ procs: 2 });
    expect(twin.setup).not.toHaveProperty('twinWorkers');
  });
});

describe('executor crashes', () => {
  it('a worker calling process.exit fails its lane; the pool replaces it and the rest finishes', async () => {
    const run = await runReal({ strategy: 'thread-pool', threads: 1, tasks: [task('exits', faultCall(FAULTS.exit)), task('after', countCall(SMALL_COUNT))] });
    expect(run.tasks[0]!.error).toMatch(/worker exited with code: 3/);
    expect(ending(run, 1)).toBe('done');
  });

  it('a child killed with SIGKILL fails its lane; the next task gets a new child', async () => {
    const handle = startRealRun({
      strategy: 'process-pool',
      workers: 1,
      procs: 1,
      threads: 1,
      gil: 'none',
      switchIntervalUs: 5_000,
      tasks: [task('victim', sleepCall(5_000)), task('survivor', countCall(SMALL_COUNT))],
    });
    await expect.poll(() => childPids().length, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(() => handle.snapshot().spans.some((s) => s.lane === 0 && s.state === 'io'), { timeout: 5_000 }).toBe(true);
    process.kill(childPids()[0]!, 'SIGKILL');
    const run = await handle.done;
    expect(run.tasks[0]!.error).toBe('child process killed by SIGKILL');
    expect(ending(run, 1)).toBe('done');
    expect(childPids()).toEqual([]);
  });

  it('a worker dying while it holds the GIL does not block the others (the engine frees the lock)', async () => {
    const run = await runReal({
      strategy: 'threads',
      gil: 'new',
      switchIntervalUs: 1_000,
      tasks: [task('long', countCall(200_000_000)), task('dies-holding-the-gil', countCall(SMALL_COUNT), faultCall(FAULTS.exit))],
    });
    expect(run.tasks[1]!.error).toMatch(/worker exited/);
    expect(ending(run, 0)).toBe('done');
  }, 20_000);
});

describe('cancelling and time limits', () => {
  it.each(REAL_STRATEGIES)('cancel stops a %s run that would never end, within a second', async (strategy) => {
    const handle = startRealRun({
      strategy,
      workers: 2,
      threads: 2,
      procs: 2,
      gil: 'none',
      switchIntervalUs: 5_000,
      tasks: [task('loops', faultCall(FAULTS.hang)), task('sleeps', sleepCall(60_000))],
    });
    await expect.poll(() => handle.snapshot().spans.some((s) => s.state === 'running'), { timeout: 5_000 }).toBe(true);
    const started = performance.now();
    await handle.cancel('stopped by the test');
    expect(performance.now() - started).toBeLessThan(1_000);
    const run = await handle.done;
    expect(run.tasks.map((t) => t.error)).toEqual(['stopped by the test', 'stopped by the test']);
    await expect.poll(() => childPids(), { timeout: 1_000 }).toEqual([]);
  });

  // Tasks that never end always outlive the limit, however slowly the pool starts on a busy
  // machine (the limit counts from the run's start, pool start-up included).
  it('a timeout stops tasks that would never end, computing or sleeping, and says why', async () => {
    const run = await runReal({ strategy: 'threads', timeoutUs: 300_000, tasks: [task('loops', faultCall(FAULTS.hang)), task('sleeps', sleepCall(60_000))] });
    expect(run.tasks.map((t) => t.error)).toEqual(['timed out after 300 ms', 'timed out after 300 ms']);
    expect([ending(run, 0), ending(run, 1)]).toEqual(['failed', 'failed']);
  });

  // Stopped once the quick task is seen done (not after a guessed delay): a timeout and a cancel
  // end a run the same way, so this is what a timeout keeps too.
  it('stopping a run keeps what finished and fails only what was unfinished', async () => {
    const handle = startRealRun({
      strategy: 'thread-pool',
      workers: 2,
      threads: 2,
      procs: 1,
      gil: 'none',
      switchIntervalUs: 5_000,
      tasks: [task('quick', countCall(1_000)), task('forever', sleepCall(60_000))],
    });
    await expect.poll(() => handle.snapshot().spans.some((s) => s.lane === 0 && s.state === 'done'), { timeout: 10_000 }).toBe(true);
    await handle.cancel('stopped by the test');
    const run = await handle.done;
    expect(ending(run, 0)).toBe('done');
    expect(run.tasks.map((t) => t.error)).toEqual([undefined, 'stopped by the test']);
  });

  it('cancelling a run of queries closes its database server: no listening socket is left', async () => {
    // Listening loopback sockets (st 0A) of this process: the kernel's table, filtered by the
    // socket inodes among our own file descriptors (other test files run in other processes).
    const listening = () => {
      const ours = new Set(
        readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1] ?? ''];
          } catch {
            return [];
          }
        }),
      );
      return readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields[3] === '0A' && fields[1]?.startsWith('0100007F:') && ours.has(fields[9] ?? ''))
        .map((fields) => fields[1]!);
    };
    const before = listening();
    const handle = startRealRun({
      strategy: 'async',
      workers: 1,
      threads: 1,
      procs: 1,
      gil: 'none',
      switchIntervalUs: 5_000,
      tasks: [task('employees', { workload: 'query', argument: 60_000 })],
    });
    await expect.poll(() => handle.snapshot().spans.some((s) => s.state === 'io'), { timeout: 5_000 }).toBe(true);
    expect(listening().length).toBe(before.length + 1);
    await handle.cancel('stopped by the test');
    expect(listening()).toEqual(before);
    expect((await handle.done).tasks[0]!.error).toBe('stopped by the test');
  });
});
