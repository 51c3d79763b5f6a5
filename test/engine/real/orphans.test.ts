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
      startRealRun({ strategy: 'process', threads: 1, procs: 1, gil: 'none', switchIntervalUs: 5000,
        tasks: [{ name: 'long', arrivalUs: 0, calls: [{ workload: 'count', argument: 1e11 }] }] });`;
    const engine = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const children = () => spawnSync('pgrep', ['-P', String(engine.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number);
    await expect.poll(children, { timeout: 10_000 }).toHaveLength(1);
    const [child] = children();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(alive(child!)).toBe(true); // counting (1e11 iterations: about a minute)
    engine.kill('SIGKILL');
    await expect.poll(() => alive(child!), { timeout: 3_000, interval: 50 }).toBe(false);
  }, 20_000);
});
