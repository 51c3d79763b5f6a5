import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REAL_RUN = fileURLToPath(new URL('../../../dist/src/engine/real/real-run.js', import.meta.url));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('children of a process run whose engine was killed (SIGKILL: no cleanup code runs)', () => {
  it('notice between chunks of work that they were orphaned, and exit', async () => {
    const script = `
      const { startRealRun } = await import(${JSON.stringify(REAL_RUN)});
      startRealRun({ strategy: 'processes', workers: 1, threads: 1, procs: 1, gil: 'none', switchIntervalUs: 5000,
        tasks: [{ name: 'long', arrivalUs: 0, calls: [{ workload: 'count', argument: 1e11 }] }] });`;
    const engine = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const children = () =>
      spawnSync('pgrep', ['-P', String(engine.pid)], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .filter(Boolean)
        .map(Number);
    await expect.poll(children, { timeout: 10_000 }).toHaveLength(1);
    const [child] = children();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(alive(child!)).toBe(true); // counting (1e11 iterations: about a minute)
    engine.kill('SIGKILL');
    await expect.poll(() => alive(child!), { timeout: 3_000, interval: 50 }).toBe(false);
  }, 20_000);

  it('notice it during a blocking sleep too, within a slice, not when the 40 s sleep ends (issue 17, defect 6)', async () => {
    const script = `
      const { startRealRun } = await import(${JSON.stringify(REAL_RUN)});
      const sleep = { workload: 'sleep', argument: 40_000 };
      startRealRun({ strategy: 'processes', workers: 2, threads: 1, procs: 2, gil: 'none', switchIntervalUs: 5000,
        tasks: [{ name: 'a', arrivalUs: 0, calls: [sleep] }, { name: 'b', arrivalUs: 0, calls: [sleep] }] });`;
    const engine = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const children = () =>
      spawnSync('pgrep', ['-P', String(engine.pid)], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .filter(Boolean)
        .map(Number);
    await expect.poll(children, { timeout: 10_000 }).toHaveLength(2);
    const pids = children();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // both take their task and block
    expect(pids.every(alive)).toBe(true);
    engine.kill('SIGKILL');
    // A slice is 200 ms; 5 s is room for a loaded machine and still 8× less than the sleep.
    await expect.poll(() => pids.some(alive), { timeout: 5_000, interval: 50 }).toBe(false);
  }, 30_000);
});
