import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
// An empty config dir: the tests must not depend on a calibration someone stored.
const env = { ...process.env, CI: '1', CONCUR_TUI_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'concur-run-')) };

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('concur-tui run', () => {
  it('--json prints real runs in the same shape as emulate, with speed-ups vs sequential', () => {
    const { code, stdout } = cli('run', '--tasks', '20ms,20ms', '--strategy', 'sequential,worker,process,async', '--json');
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace.workload).toBe('tasks');
    expect(trace.runs.map((run: { strategy: string }) => run.strategy)).toEqual(['sequential', 'worker', 'process', 'async']);
    for (const run of trace.runs) {
      expect(run).toMatchObject({ source: 'real', gilHandoffs: 0, speedupVsSequential: expect.any(Number) });
      expect(run.tasks.map((t: { name: string }) => t.name)).toEqual(['T1', 'T2']);
      expect(run.spans.filter((s: { state: string }) => s.state === 'done')).toHaveLength(2);
    }
    expect(trace.runs[0].speedupVsSequential).toBe(1);
  });

  it('prints the table with the real source and the note on real sizes', () => {
    const { code, stdout } = cli('run', '--scenario', 'add-sub', '--strategy', 'sequential,async');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^add-sub, real on \d+ cores?: no GIL, \d+ worker threads?, up to 2 processes\n\n/);
    expect(stdout).toMatch(/^sequential(?: \*)?\s+real\s+\S+\s+1\.00x/m);
    expect(stdout).toMatch(/note: real count: up to \d/);
  });

  it('a table of one strategy keeps a blank line before its notes', () => {
    const { code, stdout } = cli('run', '--scenario', 'add-sub', '--strategy', 'async');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^async\s+real\s+\S+\s+-\s.*\n\nnote: /m);
  });

  it('a task that outlives --timeout fails, and the run exits 3', () => {
    const { code, stdout } = cli('run', '--tasks', '10ms,60s', '--strategy', 'worker', '--timeout', '300ms');
    expect(code).toBe(3);
    expect(stdout).toMatch(/^strategy\s+source\s+elapsed\s+speedup\s+CPU\s+switches\s+GIL hand-offs\s+failed$/m);
    expect(stdout).toMatch(/^worker\s+real\s+\S+\s+-\s+\S+%\s+\d+\s+0\s+1$/m);
    expect(stdout).toContain('failed: T2 (worker): timed out after 300 ms');
  });

  it.each([
    [['run', '--strategy', 'threads'], /--strategy: unknown value 'threads' \(choose from sequential, async, worker, process\)/],
    [['run', '--gil', 'old'], /--gil: unknown value 'old'/],
    [['run', '--threads', '0'], /--threads: '0' must be a whole number from 1 to 256/],
    [['run', '--scale', 'abc'], /--scale: 'abc' must be a number above 0/],
    [['run', '--scale', '0x10'], /--scale: '0x10' must be a number above 0/],
    [['run', '--scale', '0b11'], /--scale: '0b11' must be a number above 0/],
    [['run', '--io', 'disk', '--tasks', 'io:1ms'], /--io: unknown value 'disk'/],
  ])('rejects %j with one line and exit 2', (args, message) => {
    const { code, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('SIGTERM during a run stops every worker and child and exits 143', async () => {
    const child = spawn(process.execPath, [BIN, 'run', '--tasks', '60s,60s', '--strategy', 'process'], { env, stdio: 'ignore' });
    // Wait until both grandchildren exist, then terminate the CLI.
    const grandchildren = () => spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    await expect.poll(grandchildren, { timeout: 10_000 }).toHaveLength(2);
    const pids = grandchildren().map(Number);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(143);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 20_000);
});
