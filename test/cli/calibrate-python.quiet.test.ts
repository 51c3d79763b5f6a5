import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

/*
 * A quiet test (vitest.quiet.config.ts): it checks that start-up costs measured on a real python3
 * keep their order (thread < fork < spawn), which other work on the cores can reverse.
 */
const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;

describe('concur-tui calibrate --python python3, measured', () => {
  const inDir = (configDir: string, ...args: string[]) => runCli(args, { CONCUR_TUI_CONFIG_DIR: configDir });

  it.runIf(HAS_PYTHON)(
    'measures python3 (loop, thread and process start, GIL hold), keeps earlier interpreters, and --calibration machine sizes its twin by it',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'concur-cal-'));
      const earlier = { interpreter: 'PyPy 7.3.11 (GIL)', path: 'pypy3', nsPerIteration: 2, threadStartUs: 40, forkStartUs: 5_000 };
      const file = join(dir, 'calibration.json');
      writeFileSync(
        file,
        JSON.stringify({
          version: 1,
          measuredAt: '2026-11-25T00:00:00.000Z',
          node: 'v20',
          nodeNsPerIteration: 0.5,
          cpythonNsPerIteration: 20,
          python: 'Python 3.11.7',
          machine: 'test',
          pythons: [{ ...earlier, spawnStartUs: 90_000, startMethod: 'fork', switchIntervalUs: 5_000, holdUs: 2_100 }],
        }),
      );
      const result = await inDir(dir, 'calibrate', '--iterations', '1000000', '--python', 'python3', '--json');
      expect(result.code).toBe(0);
      const stored = JSON.parse(readFileSync(file, 'utf8'));
      expect(stored.pythons).toHaveLength(2);
      expect(stored.pythons[0]).toMatchObject(earlier);
      const measured = stored.pythons[1];
      expect(measured).toMatchObject({ path: 'python3', startMethod: expect.any(String), switchIntervalUs: 5_000 });
      expect(measured.interpreter).toMatch(/^CPython 3\.\d+\.\d+, GIL$/);
      expect(measured.nsPerIteration).toBeGreaterThan(5);
      expect(measured.nsPerIteration).toBeLessThan(2_000);
      // A process costs more to start than a thread; a spawned one more than a forked one.
      expect(measured.forkStartUs).toBeGreaterThan(measured.threadStartUs);
      expect(measured.spawnStartUs).toBeGreaterThan(measured.forkStartUs);
      expect(measured.holdUs).toBeGreaterThan(1_000);

      // The twin of a real python3 run: its process start, its CPU cost against the scenario's (python3's loop timed just now).
      const { dashboardSetup } = await import('../../src/cli/dashboard-setup.js');
      vi.stubEnv('CONCUR_TUI_CONFIG_DIR', dir);
      try {
        const params = dashboardSetup({ runtime: 'python', calibration: 'machine' }).initial.params;
        expect(params.spawnCostUs).toBe(Math.round(measured.startMethod === 'spawn' ? measured.spawnStartUs : measured.forkStartUs));
        expect(params.cpuScalePermille).toBe(Math.round((1_000 * measured.nsPerIteration) / stored.cpythonNsPerIteration));
        // Without --calibration machine the preset's own figures stay.
        expect(dashboardSetup({ runtime: 'python' }).initial.params).toMatchObject({ spawnCostUs: 20_000, cpuScalePermille: 1_000 });
      } finally {
        vi.unstubAllEnvs();
      }
    },
    120_000,
  );
});
