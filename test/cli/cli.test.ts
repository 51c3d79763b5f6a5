import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));

/** Runs the built binary (npm test builds first). */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('concur-tui CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/concur-tui emulate/);
    expect(stdout).toMatch(/concur-tui scenarios/);
  });

  it('--version prints the package version', () => {
    expect(cli('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('scenarios lists every built-in scenario with one line each', () => {
    const lines = cli('scenarios').stdout.trim().split('\n');
    const names = lines.slice(1).map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(['add-sub', 'count', 'sleep', 'db', 'juggle', 'convoy', 'compress']);
  });

  it('emulate --json prints runs in the documented shape', () => {
    const { code, stdout } = cli('emulate', '--scenario', 'sleep', '--strategy', 'sequential,threads', '--json');
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace.runs.map((run: { strategy: string }) => run.strategy)).toEqual(['sequential', 'threads']);
    const run = trace.runs[1];
    expect(run).toMatchObject({ source: 'emulated', strategy: 'threads', gilHandoffs: 0 });
    for (const key of ['elapsedUs', 'cpuUtilization', 'contextSwitches']) expect(typeof run[key]).toBe('number');
    expect(Object.keys(run.tasks[0])).toEqual(expect.arrayContaining(['name', 'responseUs', 'turnaroundUs', 'waitUs']));
    expect(run.spans[0]).toMatchObject({ lane: 0, state: expect.any(String), startUs: 0 });
  });

  it('emulate --json is byte-identical from one run to the next', () => {
    const args = ['emulate', '--scenario', 'convoy', '--gil', 'old', '--json'];
    expect(cli(...args).stdout).toBe(cli(...args).stdout);
  });

  it('the table shows elapsed, speed-up, CPU, switches and GIL hand-offs per strategy', () => {
    const { stdout } = cli('emulate', '--scenario', 'count', '--strategy', 'sequential,threads,processes');
    expect(stdout).toMatch(/strategy\s+source\s+elapsed\s+speedup\s+CPU\s+switches\s+GIL hand-offs/);
    expect(stdout).toMatch(/sequential\s+emulated\s+25\.86s\s+1\.00x/);
    expect(stdout).toMatch(/processes \*\s+emulated\s+12\.95s\s+2\.00x/);
  });

  it.each([
    [['emulate', '--cores', '0'], /--cores: '0' must be a whole number from 1 to 1024/],
    [['emulate', '--quantum', '-1'], /--quantum: '-1' is not a duration/],
    [['emulate', '--quantum', '0us'], /--quantum: '0us' must be at least 1us\n$/],
    [['run', '--timeout', '0ms'], /--timeout: '0ms' must be at least 1ms\n$/],
    [['run', '--timeout', '999us'], /--timeout: '999us' must be at least 1ms\n$/],
    [['emulate', '--tasks', 'cpu:abc'], /--tasks, task 1 cpu phase: 'abc' is not a duration/],
    [['emulate', '--scenario', 'nope'], /unknown scenario 'nope'/],
    [['emulate', '--strategy', 'fibers'], /--strategy: unknown value 'fibers'/],
    [['emulate', '--strategy', 'all,threads'], /--strategy: 'all' cannot be combined with other names \(give all alone, or a list of sequential, threads, /],
    [['run', '--strategy', 'worker, all'], /--strategy: 'all' cannot be combined with other names \(give all alone, or a list of sequential, async, worker, process\)/],
    [['emulate', '--interpreter', 'cpython-4'], /--interpreter: unknown value 'cpython-4'/],
    [['emulate', '--cores'], /Not enough arguments following: cores/],
    [['--frobnicate'], /Unknown argument: frobnicate/],
    [['emulate', '--tasks', '1ms', '--scenario', 'count'], /^concur-tui: --tasks and --scenario cannot be used together: --tasks runs your own task list, --scenario a built-in one\n$/],
    [['run', '--scenario', 'count', '--tasks', '1ms'], /^concur-tui: --tasks and --scenario cannot be used together: /],
    [['--tasks', '1ms', '--scenario', 'count'], /^concur-tui: --tasks and --scenario cannot be used together: /],
    // Without a terminal the dashboard prints its table, but still checks the picture's size.
    [['--cols', 'abc'], /--cols: 'abc' must be a whole number from 60 to 500/],
    [['--cols', '501', '--rows', '24'], /--cols: '501' must be a whole number from 60 to 500/],
    [['--rows', '10'], /--rows: 10 is too short; the dashboard needs at least 14 rows/],
  ])('%j: one line naming the problem, exit 2', (args, message) => {
    const { code, stdout, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('help', () => {
  it.each(['', 'emulate', 'run', 'demo', 'calibrate'])('`%s --help`: each example is a "# what it does" line and a command that fits 80 columns', (command) => {
    const { stdout } = cli(...(command ? [command] : []), '--help');
    const examples = stdout.slice(stdout.indexOf('\nExamples:\n')).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const [i, line] of examples.entries()) {
      expect(line).toMatch(i % 2 === 0 ? /^ {2}# \S/ : /^ {2}concur-tui /);
      expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it('--force names only the files its command writes', () => {
    expect(cli('demo', '--help').stdout).toMatch(/--force +overwrite an existing --record file +\[boolean\]/);
    expect(cli('emulate', '--help').stdout).toMatch(/--force +overwrite an existing --export file +\[boolean\]/);
    expect(cli('help', 'dashboard').stdout).toMatch(/--force +overwrite an existing --record or --export file +\[boolean\]/);
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
  ])('%#: is echoed cut short, in one line', (args, message) => {
    const { code, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.length).toBeLessThan(300);
  });
});

describe('output to a closed pipe', () => {
  it.each([
    ['emulate', '--scenario', 'count', '--json'],
    ['emulate', '--scenario', 'convoy'],
    ['scenarios'],
  ])('`concur-tui %s … | head -c 10` exits quietly', (...args) => {
    // The reader takes 10 bytes and goes away; the rest of the output meets a closed pipe.
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args.map((a) => `'${a}'`).join(' ')} | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('status 0');
  });
});

describe.runIf(existsSync('/dev/full'))('output to a full disk', () => {
  it.each(['emulate --scenario sleep', 'scenarios', '--scenario sleep'])(
    '`concur-tui %s > /dev/full` names the failure in one line, exit 1, not as a bug',
    (command) => {
      const full = openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, [BIN, ...command.split(' ')], { encoding: 'utf8', env: { ...process.env, CI: '1' }, stdio: ['ignore', full, 'pipe'] });
        expect(result.status).toBe(1);
        expect(result.stderr).toBe('concur-tui: cannot write output: no space left on device (ENOSPC)\n');
      } finally {
        closeSync(full);
      }
    },
  );
});
