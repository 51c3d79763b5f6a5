import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATED_STRATEGIES, REAL_STRATEGIES } from '../../src/engine/index.js';
import { runCli } from './run-cli.js';

// An empty config dir: the tests must not depend on a calibration someone stored.
const env = { CONCUR_TUI_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'concur-run-')) };
const run = (...args: string[]) => runCli(['run', ...args], env);

describe('concur-tui run', () => {
  it('--json prints real runs in the same shape as emulate, with speed-ups vs sequential', async () => {
    const { code, stdout } = await run('--tasks', '20ms,20ms', '--gil', 'none', '--json');
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace.workload).toBe('tasks');
    // Every emulated strategy's twin, by the same name and in the same order.
    expect(trace.runs.map((run: { strategy: string }) => run.strategy)).toEqual(EMULATED_STRATEGIES);
    for (const run of trace.runs) {
      expect(run).toMatchObject({ source: 'real', gilHandoffs: 0, speedupVsSequential: expect.any(Number), disturbed: expect.any(Boolean) });
      // The verdict and its reason go together; the machine's load decides which it is.
      expect(run.disturbedReason === null).toBe(run.disturbed === false);
      expect(run.tasks.map((t: { name: string }) => t.name)).toEqual(['T1', 'T2']);
      expect(run.spans.filter((s: { state: string }) => s.state === 'done')).toHaveLength(2);
    }
    expect(trace.runs[0].speedupVsSequential).toBe(1);
  });

  it('keeps the old names worker and process as aliases of thread-pool and process-pool', async () => {
    const { code, stdout } = await run('--tasks', '5ms', '--strategy', 'worker,process', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).runs.map((run: { strategy: string }) => run.strategy)).toEqual(['thread-pool', 'process-pool']);
  });

  it('defaults to the new GIL, as the dashboard does, and says so in --help', async () => {
    const { code, stdout } = await run('--tasks', '5ms,5ms', '--strategy', 'threads', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).runs[0].setup).toMatchObject({ gil: 'new', gilLock: true, switchIntervalUs: 5_000 });
    const help = await run('--help');
    expect(help.stdout).toMatch(/--gil\s+none \(Node\) or new[\s\S]{0,200}\[default: new, as in the dashboard\]/);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('old names: worker = thread-pool, process = process-pool');
  });

  it('prints the table with the real source and the note on real sizes', async () => {
    const { code, stdout } = await run('--scenario', 'add-sub', '--strategy', 'sequential,async', '--gil', 'none');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^add-sub, real on \d+ cores?: no GIL, pools of 2 threads \/ 2 processes\n\n/);
    expect(stdout).toMatch(/^sequential(?: \*)?\s+real\s+\S+\s+1\.00x/m);
    expect(stdout).toMatch(/note: real count: up to \d/);
  });

  it('a table of one strategy keeps a blank line before its notes', async () => {
    const { code, stdout } = await run('--scenario', 'add-sub', '--strategy', 'async');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^async\s+real\s+\S+\s+-\s.*\n\nnote: /m);
  });

  // A task that never ends within the test (60 s) always outlives the limit, however slowly the
  // pool starts on a busy machine; keeping what finished in time is real-run.test.ts's case.
  it('a task that outlives --timeout fails, and the run exits 3', async () => {
    const { code, stdout } = await run('--tasks', '60s', '--strategy', 'threads', '--timeout', '300ms');
    expect(code).toBe(3);
    expect(stdout).toMatch(/^strategy\s+source\s+elapsed\s+speedup\s+CPU\s+switches\s+GIL hand-offs\s+hand-offs\/s\s+contention\s+median hold\s+failed$/m);
    expect(stdout).toMatch(/^threads\s+real\s+\S+\s+-\s+\S+%\s+\d+\s+0\s+0\s+\S+\s+-\s+1$/m);
    expect(stdout).toContain('failed: T1 (threads): timed out after 300 ms');
  });

  it.each([
    [['--strategy', 'fibers'], `--strategy: unknown value 'fibers' (choose from ${REAL_STRATEGIES.join(', ')})`],
    [['--gil', 'old'], "--gil: unknown value 'old' (choose from none, new)"],
    [['--threads', '0'], "--threads: '0' must be a whole number from 1 to 256"],
    [['--scale', 'abc'], "--scale: 'abc' must be a number above 0 and at most 100"],
    [['--scale', '0x10'], "--scale: '0x10' must be a number above 0 and at most 100"],
    [['--scale', '0b11'], "--scale: '0b11' must be a number above 0 and at most 100"],
    [['--io', 'disk', '--tasks', 'io:1ms'], "--io: unknown value 'disk' (choose from sleep, query)"],
  ])('rejects %j with one line and exit 2', async (args, message) => {
    expect(await run(...args)).toEqual({ code: 2, stdout: '', stderr: `concur-tui: ${message}\n` });
  });
});
