import { describe, expect, it } from 'vitest';
import { EMULATED_STRATEGIES, PRESETS, REAL_STRATEGIES, SCENARIOS } from '../../src/engine/index.js';
import { runCli } from './run-cli.js';

// In-process (test/cli/run-cli.ts): what the binary adds (the launcher, pipes, signals) is in binary.test.ts.

describe('concur-tui CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/concur-tui emulate/);
    expect(stdout).toMatch(/concur-tui scenarios/);
  });

  it('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), stderr: '' });
  });

  it('scenarios lists every built-in scenario with one line each', async () => {
    const lines = (await runCli(['scenarios'])).stdout.trim().split('\n');
    const names = lines.slice(1).map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(['add-sub', 'count', 'sleep', 'db', 'juggle', 'convoy', 'compress']);
  });

  it('emulate --json prints runs in the documented shape', async () => {
    const { code, stdout } = await runCli(['emulate', '--scenario', 'sleep', '--strategy', 'sequential,threads', '--json']);
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace.runs.map((run: { strategy: string }) => run.strategy)).toEqual(['sequential', 'threads']);
    const run = trace.runs[1];
    expect(run).toMatchObject({ source: 'emulated', strategy: 'threads', gilHandoffs: 0 });
    for (const key of ['elapsedUs', 'cpuUtilization', 'contextSwitches']) expect(typeof run[key]).toBe('number');
    expect(Object.keys(run.tasks[0])).toEqual(expect.arrayContaining(['name', 'responseUs', 'turnaroundUs', 'waitUs']));
    expect(run.spans[0]).toMatchObject({ lane: 0, state: expect.any(String), startUs: 0 });
  });

  it('emulate --json is byte-identical from one run to the next', async () => {
    const args = ['emulate', '--scenario', 'convoy', '--gil', 'old', '--json'];
    const first = await runCli(args);
    expect(first.stdout.length).toBeGreaterThan(1_000);
    expect((await runCli(args)).stdout).toBe(first.stdout);
  });

  // The emulator's own tests state parameters in engine terms; this is where each flag is seen to reach them.
  it('every emulator flag reaches the parameters the trace records', async () => {
    const flags = ['--cores', '1', '--quantum', '20ms', '--switch-interval', '1ms', '--switch-cost', '10us', '--policy', 'fifo', '--gil', 'old'];
    const more = [
      '--check-interval',
      '50',
      '--spawn-cost',
      '1ms',
      '--thread-spawn-cost',
      '2ms',
      '--interpreter-spawn-cost',
      '3ms',
      '--workers',
      '3',
      '--seed',
      '7',
    ];
    const { stdout } = await runCli(['emulate', '--tasks', '1ms', '--strategy', 'threads', ...flags, ...more, '--json']);
    expect(JSON.parse(stdout).emulator).toEqual({
      cores: 1,
      quantumUs: 20_000,
      switchIntervalUs: 1_000,
      switchCostUs: 10,
      policy: 'fifo',
      gil: 'old',
      checkInterval: 50,
      spawnCostUs: 1_000,
      threadSpawnCostUs: 2_000,
      interpreterSpawnCostUs: 3_000,
      workers: 3,
      seed: 7,
      cpuScalePermille: 1_000,
    });
  });

  // The header, the footer and the keys' help call the quantum "slice": the flag answers to that word too.
  it('--slice is the same flag as --quantum, and --help says so', async () => {
    const { code, stdout } = await runCli(['emulate', '--tasks', '1ms', '--strategy', 'threads', '--slice', '3ms', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).emulator.quantumUs).toBe(3_000);
    expect((await runCli(['emulate', '--help'])).stdout).toMatch(/--quantum, --slice +OS time slice/);
  });

  it('--interpreter sets its preset (explicit flags still win) and says what it is', async () => {
    const { stdout } = await runCli([
      'emulate',
      '--tasks',
      '1ms',
      '--strategy',
      'threads',
      '--interpreter',
      'cpython-3.13t',
      '--switch-interval',
      '2ms',
      '--json',
    ]);
    const trace = JSON.parse(stdout);
    expect(trace.emulator).toMatchObject({ gil: 'none', cpuScalePermille: 1_400, switchIntervalUs: 2_000 });
    expect(trace.notes[0]).toBe(
      'cpython-3.13t: free-threaded: no GIL, but each thread runs about 1.4× slower (from: published 3.13t single-thread cost (~1.4×); no free-threaded build measured here)',
    );
  });

  it('the table shows elapsed, speed-up, CPU, switches and GIL hand-offs per strategy', async () => {
    const { stdout } = await runCli(['emulate', '--scenario', 'count', '--strategy', 'sequential,threads,processes']);
    expect(stdout).toMatch(/strategy\s+source\s+elapsed\s+speedup\s+CPU\s+switches\s+GIL hand-offs/);
    expect(stdout).toMatch(/sequential\s+emulated\s+25\.86s\s+1\.00x/);
    expect(stdout).toMatch(/processes \*\s+emulated\s+12\.95s\s+2\.00x/);
  });

  const TASKS_AND_SCENARIO = '--tasks and --scenario cannot be used together: --tasks runs your own task list, --scenario a built-in one';
  it.each([
    [['emulate', '--cores', '0'], "--cores: '0' must be a whole number from 1 to 1024"],
    [['emulate', '--quantum', '-1'], "--quantum (--slice): '-1' is not a duration (use a number with us, ms or s, e.g. 4ms)"],
    [['emulate', '--quantum', '0us'], "--quantum (--slice): '0us' must be at least 1us"],
    [['emulate', '--slice', '0'], "--quantum (--slice): '0' is not a duration (use a number with us, ms or s, e.g. 4ms)"],
    [['run', '--timeout', '0ms'], "--timeout: '0ms' must be at least 1ms"],
    [['run', '--timeout', '999us'], "--timeout: '999us' must be at least 1ms"],
    [['emulate', '--tasks', 'cpu:abc'], "--tasks, task 1 cpu phase: 'abc' is not a duration (use a number with us, ms or s, e.g. 4ms)"],
    [['emulate', '--scenario', 'nope'], `unknown scenario 'nope' (choose from ${SCENARIOS.map((s) => s.name).join(', ')})`],
    [['emulate', '--strategy', 'fibers'], `--strategy: unknown value 'fibers' (choose from ${EMULATED_STRATEGIES.join(', ')})`],
    [
      ['emulate', '--strategy', 'all,threads'],
      `--strategy: 'all' cannot be combined with other names (give all alone, or a list of ${EMULATED_STRATEGIES.join(', ')})`,
    ],
    [
      ['run', '--strategy', 'worker, all'],
      `--strategy: 'all' cannot be combined with other names (give all alone, or a list of ${REAL_STRATEGIES.join(', ')})`,
    ],
    [['emulate', '--interpreter', 'cpython-4'], `--interpreter: unknown value 'cpython-4' (choose from ${PRESETS.map((p) => p.name).join(', ')})`],
    [['emulate', '--cores'], 'Not enough arguments following: cores'],
    [['--frobnicate'], 'Unknown argument: frobnicate'],
    // A mistyped flag is named with the likely one, among the flags of the command typed (issue 15).
    [['emulate', '--stratgy', 'all'], 'Unknown argument: stratgy: did you mean --strategy?'],
    [['--scenaro', 'count'], 'Unknown argument: scenaro: did you mean --scenario?'],
    [['run', '--repaet=3'], 'Unknown argument: repaet: did you mean --repeat?'],
    [['emulate', '--stratgy=all', '--cors', '2'], 'Unknown arguments: stratgy, cors: did you mean --strategy for stratgy, --cores for cors?'],
    // Not typed as a flag, or close to no flag of this command: yargs' words as they were.
    [['scenarios', 'jsn'], 'Unknown argument: jsn'],
    [['scenarios', '--repeat', '2'], 'Unknown argument: repeat'],
    [['emulate', '--tasks', '1ms', '--scenario', 'count'], TASKS_AND_SCENARIO],
    [['run', '--scenario', 'count', '--tasks', '1ms'], TASKS_AND_SCENARIO],
    [['--tasks', '1ms', '--scenario', 'count'], TASKS_AND_SCENARIO],
    // Without a terminal the dashboard prints its table, but still checks the picture's size.
    [['--cols', 'abc'], "--cols: 'abc' must be a whole number from 60 to 500"],
    [['--cols', '501', '--rows', '24'], "--cols: '501' must be a whole number from 60 to 500"],
    [['--rows', '10'], '--rows: 10 is too short; the dashboard needs at least 14 rows (60×14)'],
    // A flag named _ would overwrite yargs' list of words and crash it (found by fuzz.test.ts).
    [['emulate', '--switch-interval', '-_'], 'Unknown argument: _'],
    [['--_=1'], 'Unknown argument: _'],
    [['scenarios', '--no-_'], 'Unknown argument: _'],
    [['emulate', '-v_'], 'Unknown argument: _'],
  ])('%j: one line naming the problem, exit 2', async (args, message) => {
    expect(await runCli(args)).toEqual({ code: 2, stdout: '', stderr: `concur-tui: ${message}\n` });
  });
});

describe('help', () => {
  it.each(['', 'emulate', 'run', 'demo', 'calibrate'])(
    '`%s --help`: each example is a "# what it does" line and a command that fits 80 columns',
    async (command) => {
      const { code, stdout } = await runCli([...(command ? [command] : []), '--help']);
      expect(code).toBe(0);
      const examples = stdout
        .slice(stdout.indexOf('\nExamples:\n'))
        .split('\n')
        .slice(2)
        .filter((line) => line.trim() !== '');
      expect(examples.length).toBeGreaterThanOrEqual(2);
      for (const [i, line] of examples.entries()) {
        expect(line).toMatch(i % 2 === 0 ? /^ {2}# \S/ : /^ {2}concur-tui /);
        expect(line.length).toBeLessThanOrEqual(80);
      }
    },
  );

  it('--force names only the files its command writes', async () => {
    expect((await runCli(['demo', '--help'])).stdout).toMatch(/--force +overwrite an existing --record file +\[boolean\]/);
    expect((await runCli(['emulate', '--help'])).stdout).toMatch(/--force +overwrite an existing --export file +\[boolean\]/);
    expect((await runCli(['help', 'dashboard'])).stdout).toMatch(/--force +overwrite an existing --record or --export file +\[boolean\]/);
  });
});

describe('a huge bad value', () => {
  const huge = 'x'.repeat(100_000);

  it.each([
    [['emulate', '--cores', huge], /^concur-tui: --cores: 'x{59}…' must be a whole number from 1 to 1024\n$/],
    [['emulate', '--tasks', `1ms,${huge}`], /^concur-tui: --tasks, task 2 cpu phase: 'x{59}…' is not a duration /],
    [['emulate', '--scenario', huge], /^concur-tui: unknown scenario 'x{59}…' \(choose from /],
    [['emulate', '--strategy', huge], /^concur-tui: --strategy: unknown value 'x{59}…' \(choose from /],
    [[`--${huge}`], /^concur-tui: Unknown argument: x+…x+\n$/],
  ])('%#: is echoed cut short, in one line', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.length).toBeLessThan(300);
  });
});
