import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeInterpreter } from '../../../src/engine/python/interpreter.js';
import { traceFromJson, traceToJson } from '../../../src/export/trace-json.js';
import { startPythonRun } from '../../../src/engine/python/python-run.js';
import { count, fault, python, sleep, spec, timeIn } from './python-helpers.js';

describe('real Python runs (python3 on PATH)', () => {
  it('processes never wait for a GIL: each has its own', async () => {
    const run = await startPythonRun(spec('processes', [[count(4_000_000)], [count(4_000_000)]])).done;
    expect(run.tasks.map((task) => task.error)).toEqual([undefined, undefined]);
    expect(timeIn(run, 'gil-wait')).toBeLessThan(0.02 * run.elapsedUs);
    expect(run.gilHandoffs).toBe(0);
    expect(new Set(run.lanes.map((lane) => lane.group)).size).toBe(2);
  }, 60_000);

  it('sleeps in threads overlap: 600 ms and 300 ms take the longer, not the sum', async () => {
    const run = await startPythonRun(spec('threads', [[sleep(600)], [sleep(300)]])).done;
    expect(run.elapsedUs).toBeGreaterThanOrEqual(600_000);
    expect(run.elapsedUs).toBeLessThan(900_000);
    expect(timeIn(run, 'io', 0)).toBeGreaterThanOrEqual(590_000);
  }, 60_000);

  it("a task that raises fails only its lane, with the exception's last line", async () => {
    const run = await startPythonRun(spec('threads', [[count(100_000)], [fault(1)], [sleep(50)]])).done;
    expect(run.tasks.map((task) => task.error)).toEqual([undefined, 'RuntimeError: injected fault: the workload raised', undefined]);
    expect(run.spans.filter((s) => s.state === 'failed').map((s) => s.lane)).toEqual([1]);
  }, 60_000);

  it('a process that dies fails its lane with its exit code; the others finish', async () => {
    const run = await startPythonRun(spec('processes', [[fault(2)], [count(100_000)]])).done;
    expect(run.tasks.map((task) => task.error)).toEqual(['its process exited with code 3', undefined]);
  }, 60_000);

  it('cancelling stops the interpreter and every child process at once', async () => {
    const handle = startPythonRun(spec('processes', [[fault(3)], [fault(3)]]));
    let pids: number[] = [];
    for (let i = 0; i < 200 && pids.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      pids = handle.snapshot().lanes.flatMap((lane) => (lane.group.startsWith('P') ? [Number(lane.group.slice(1))] : []));
    }
    expect(pids).toHaveLength(2);
    await handle.cancel('stopped by the test');
    const run = await handle.done;
    expect(run.tasks.map((task) => task.error)).toEqual(['stopped by the test', 'stopped by the test']);
    // Killed children are reaped by init a moment later: gone, or a zombie, within a second.
    const alive = () => pids.filter((pid) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')));
    for (let i = 0; i < 40 && alive().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(alive()).toEqual([]);
  }, 60_000);

  it('--timeout fails the unfinished lanes "timed out"', async () => {
    const run = await startPythonRun(spec('threads', [[fault(3)], [count(1_000)]], { timeoutMs: 300 })).done;
    expect(run.tasks.map((task) => task.error)).toEqual(['timed out after 300 ms', undefined]);
  }, 60_000);

  for (const strategy of ['sequential', 'thread-pool', 'process-pool', 'async'] as const) {
    it(`${strategy}: every task runs, each lane ends done`, async () => {
      const run = await startPythonRun(spec(strategy, [[count(200_000), sleep(20)], [sleep(20), count(200_000)], [count(10)]])).done;
      expect(run.tasks.map((task) => task.error)).toEqual([undefined, undefined, undefined]);
      expect(
        run.spans
          .filter((s) => s.state === 'done')
          .map((s) => s.lane)
          .sort(),
      ).toEqual([0, 1, 2]);
      expect(timeIn(run, 'io')).toBeGreaterThanOrEqual(39_000);
    }, 60_000);
  }
});

describe('a Python run in the Trace', () => {
  it('carries its setup record and survives a JSON export and import unchanged', async () => {
    const run = await startPythonRun(spec('thread-pool', [[count(1_000)], [sleep(10)]], { timeoutMs: 30_000 })).done;
    expect(run.setup).toEqual({
      runtime: 'python',
      interpreter: describeInterpreter(python),
      path: 'python3',
      gil: python.gilEnabled,
      switchIntervalUs: 5_000,
      workers: 2,
      coresGranted: 2,
      coresAsked: null,
      timeoutUs: 30_000_000,
    });
    const trace = { workload: 'tasks', runs: [run], notes: [] };
    expect(traceFromJson(traceToJson(trace), 'python.json')).toEqual(trace);
  }, 60_000);

  it.each(['interpreters', 'interpreter-pool'] as const)(
    '%s says it needs Python 3.14 on an older interpreter',
    async (strategy) => {
      const run = await startPythonRun(spec(strategy, [[count(1_000)]])).done;
      expect(run.tasks[0]!.error).toMatch(/needs Python 3\.14 \(concurrent\.interpreters\); this is 3\.\d+/);
    },
    60_000,
  );
});
