import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calibrateCommand } from '../../src/cli/commands/calibrate.js';
import { UsageError } from '../../src/engine/errors.js';
import { measurePython, measurePythonNsPerIteration } from '../../src/workloads/measure.js';
import { runCli } from './run-cli.js';

const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;

function calibrate(...args: string[]) {
  return calibrateCommand(
    yargs(['calibrate', ...args])
      .strict()
      .fail(false),
  ).parseAsync();
}

describe('concur-tui calibrate', () => {
  let dir: string;
  let stdout: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concur-tui-calibrate-'));
    stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // Keep the default path inside the temp dir, so no test can touch the real config.
    vi.stubEnv('CONCUR_TUI_CONFIG_DIR', join(dir, 'config'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json prints the stored object, and the file holds the same text', async () => {
    const output = join(dir, 'c.json');
    await calibrate('--iterations', '2000000', '--no-python', '--output', output, '--json');
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ version: 1, node: process.version, cpythonNsPerIteration: null, python: null });
    expect(printed.nodeNsPerIteration).toBeGreaterThan(0.05);
    expect(printed.nodeNsPerIteration).toBeLessThan(50);
    expect(existsSync(output)).toBe(true);
    expect(readFileSync(output, 'utf8')).toBe(stdout);
  });

  it('without --json, prints a summary that says where the file went', async () => {
    const output = join(dir, 'c.json');
    await calibrate('--iterations', '1000000', '--no-python', '--output', output);
    expect(stdout).toMatch(/^Node v\d+\.\d+\.\d+: [\d.]+ ns\/iteration$/m);
    expect(stdout).toMatch(/^CPython: skipped \(--no-python\)/m);
    expect(stdout).toContain(`saved to ${output}`);
  });

  it('refuses to overwrite an existing non-default --output without --force', async () => {
    const output = join(dir, 'c.json');
    writeFileSync(output, 'keep me');
    await expect(calibrate('--iterations', '1000', '--no-python', '--output', output)).rejects.toThrow(UsageError);
    await expect(calibrate('--iterations', '1000', '--no-python', '--output', output)).rejects.toThrow(/--force/);
    expect(readFileSync(output, 'utf8')).toBe('keep me');
    await calibrate('--iterations', '1000', '--no-python', '--output', output, '--force');
    expect(readFileSync(output, 'utf8')).not.toBe('keep me');
  });

  it('replaces the default file without --force: it is the tool’s own', async () => {
    const path = join(dir, 'config', 'calibration.json');
    await calibrate('--iterations', '1000', '--no-python');
    await calibrate('--iterations', '1000', '--no-python', '--json');
    expect(readFileSync(path, 'utf8')).toBe(stdout.slice(stdout.indexOf('{')));
  });

  it('a link at the default path is refused without --force and replaced (never followed) with it', async () => {
    const config = join(dir, 'config');
    mkdirSync(config);
    const target = join(dir, 'dotfiles-calibration.json');
    writeFileSync(target, 'mine');
    symlinkSync(target, join(config, 'calibration.json'));
    await expect(calibrate('--iterations', '1000', '--no-python')).rejects.toThrow(/is a symbolic link; use --force/);
    await calibrate('--iterations', '1000', '--no-python', '--force');
    expect(readFileSync(target, 'utf8')).toBe('mine');
    expect(lstatSync(join(config, 'calibration.json')).isFile()).toBe(true);
  });

  it('a FIFO at the default path is refused before measuring, --force or not', async () => {
    const config = join(dir, 'config');
    mkdirSync(config);
    execFileSync('mkfifo', [join(config, 'calibration.json')]);
    await expect(calibrate('--iterations', '1000', '--no-python', '--force')).rejects.toThrow(/is not a regular file/);
    expect(stdout).toBe('');
  });

  it('--output naming the default file works on first use too (its directory is created)', async () => {
    const path = join(dir, 'config', 'calibration.json');
    await calibrate('--iterations', '1000', '--no-python', '--output', path);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1);
  });

  it.each(['0', '-5', '1.5', 'lots', '3000000000'])('--iterations %s is a usage error', async (value) => {
    await expect(calibrate(`--iterations=${value}`, '--no-python', '--output', join(dir, 'c.json'))).rejects.toThrow(
      /--iterations: .* must be a whole number from 1 to 2000000000/,
    );
  });

  it('--iterations echoes what was typed', async () => {
    await expect(calibrate('--iterations', 'abc', '--no-python', '--output', join(dir, 'c.json'))).rejects.toThrow(
      "--iterations: 'abc' must be a whole number from 1 to 2000000000",
    );
  });

  it('refuses a missing --output directory, as --export and --record do, before measuring', async () => {
    const missing = join(dir, 'nope');
    await expect(calibrate('--iterations', '1000', '--no-python', '--output', join(missing, 'c.json'))).rejects.toThrow(
      `--output: directory ${missing} does not exist`,
    );
    expect(existsSync(missing)).toBe(false);
    expect(stdout).toBe('');
  });

  it('an empty --output says the name is empty', async () => {
    await expect(calibrate('--iterations', '1000', '--no-python', '--output', '')).rejects.toThrow(/^--output: the file name is empty$/);
  });

  it('without python3 on PATH, measuring CPython gives null instead of failing', async () => {
    vi.stubEnv('PATH', dir);
    await expect(measurePython(1000, 1)).resolves.toEqual({ type: 'unavailable', reason: 'python3 not found' });
    await expect(measurePythonNsPerIteration(1000, 1)).resolves.toBeNull();
  });

  it.runIf(HAS_PYTHON)('times CPython’s loop at a plausible cost per iteration', async () => {
    const ns = await measurePythonNsPerIteration(1_000_000);
    expect(ns).not.toBeNull();
    expect(ns!).toBeGreaterThan(5);
    expect(ns!).toBeLessThan(1000);
  });
});

describe('emulate --calibration machine', () => {
  const run = (configDir: string, ...args: string[]) => runCli(args, { CONCUR_TUI_CONFIG_DIR: configDir });

  it("uses this machine's CPython figure: two counts of 1e8 at 20 ns take 4 s sequentially", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-cal-'));
    const stored = {
      version: 1,
      measuredAt: '2026-11-25T00:00:00.000Z',
      node: 'v20',
      nodeNsPerIteration: 0.5,
      cpythonNsPerIteration: 20,
      python: 'Python 3.11.7',
      machine: 'test',
    };
    writeFileSync(join(dir, 'calibration.json'), JSON.stringify(stored));
    const result = await run(dir, 'emulate', '--scenario', 'count', '--strategy', 'sequential', '--calibration', 'machine', '--json');
    expect(result.code).toBe(0);
    // 2 × 1e8 × 20 ns, plus the one 50 µs switch that puts the thread on a core.
    expect(JSON.parse(result.stdout).runs[0].elapsedUs).toBe(4_000_050);
    const table = await run(dir, 'emulate', '--scenario', 'count', '--strategy', 'sequential', '--calibration', 'machine');
    expect(table.stdout).toContain(
      "note: --calibration machine: the scenario's loops cost 20 ns an iteration (this machine's CPython, from `concur-tui calibrate`), not the tutorial's 129.3 ns",
    );
    // The piped dashboard prints the same note; a scenario without loops has nothing to say.
    expect((await run(dir, '--scenario', 'count', '--calibration', 'machine')).stdout).toContain('note: --calibration machine: ');
    expect((await run(dir, 'emulate', '--scenario', 'sleep', '--calibration', 'machine')).stdout).not.toContain('--calibration machine');
  });

  it("uses this machine's start-up costs: a worker thread's for threads, a child's for processes; a flag still wins", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-cal-'));
    const startup = { threadUs: 30_000, threadPoolUs: 40_000, poolWorkers: 2, processUs: 60_000 };
    const stored = {
      version: 1,
      measuredAt: '2026-12-01T00:00:00.000Z',
      node: 'v20',
      nodeNsPerIteration: 0.5,
      cpythonNsPerIteration: 20,
      python: null,
      machine: 'test',
      startup,
    };
    writeFileSync(join(dir, 'calibration.json'), JSON.stringify(stored));
    const emulated = async (...more: string[]) => {
      const result = await run(dir, 'emulate', '--tasks', 'io:100ms,io:100ms', '--strategy', 'threads,processes', '--json', ...more);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout);
    };
    const machine = await emulated('--calibration', 'machine');
    expect(machine.emulator).toMatchObject({ threadSpawnCostUs: 30_000, spawnCostUs: 60_000 });
    // Each task's thread (or child) starts at 0 on its own core (after the 50 µs switch onto it), then sleeps 100 ms.
    expect(machine.runs.map((r: { elapsedUs: number }) => r.elapsedUs)).toEqual([130_050, 160_050]);
    expect((await emulated('--calibration', 'machine', '--thread-spawn-cost', '1ms')).emulator.threadSpawnCostUs).toBe(1_000);
    // Without machine calibration: the built-in figures (threads start free, a process 20 ms).
    expect((await emulated()).emulator).toMatchObject({ threadSpawnCostUs: 0, spawnCostUs: 20_000 });
  });

  it('says to run calibrate when nothing was measured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-cal-'));
    expect(await run(dir, 'emulate', '--calibration', 'machine')).toEqual({
      code: 2,
      stdout: '',
      stderr: `concur-tui: --calibration machine: nothing measured yet at ${join(dir, 'calibration.json')}; run \`concur-tui calibrate\` first\n`,
    });
  });
});

describe('concur-tui calibrate --python PATH', () => {
  const inDir = (configDir: string, ...args: string[]) => runCli(args, { CONCUR_TUI_CONFIG_DIR: configDir });

  it('a missing interpreter, a program that is not Python, or no path: one line, exit 2, nothing measured or written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-cal-'));
    const missing = await inDir(dir, 'calibrate', '--python', join(dir, 'nope'));
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `concur-tui: --python '${join(dir, 'nope')}': not found\n` });
    const notPython = await inDir(dir, 'calibrate', '--python', '/bin/true');
    expect(notPython.code).toBe(2);
    expect(notPython.stderr).toMatch(/^concur-tui: --python '\/bin\/true': not a Python interpreter[^\n]*\n$/);
    expect((await inDir(dir, 'calibrate', '--python')).code).toBe(2);
    expect(existsSync(join(dir, 'calibration.json'))).toBe(false);
  });
});
