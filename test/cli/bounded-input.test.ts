import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  // A hang is the defect: the timeout turns it into a failed test rather than a stuck suite.
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

const fresh = () => mkdtempSync(join(tmpdir(), 'concur-bounded-'));

describe('inputs are read only from regular files, with a size cap (issue 17, defect 4)', () => {
  it('--script /dev/zero is refused in one line at once, not read without end', () => {
    const dir = fresh();
    const { code, stderr } = cli(['--script', '/dev/zero', '--record', join(dir, 'z.cast'), '--cols', '80', '--rows', '24']);
    expect(code).toBe(2);
    expect(stderr).toBe('concur-tui: --script: /dev/zero is not a regular file\n');
  });

  it('a tape larger than the cap is refused, naming the limit', () => {
    const dir = fresh();
    const tape = join(dir, 'big.tape');
    writeFileSync(tape, `${'# padding\n'.repeat(110_000)}`);
    const { code, stderr } = cli(['--script', tape, '--record', join(dir, 'b.cast')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`concur-tui: --script: ${tape} is larger than the limit of 1 MiB\n`);
  });

  it('a calibration.json that is a FIFO is refused in one line; emulate --calibration machine does not hang', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'config'));
    const fifo = join(dir, 'config', 'calibration.json');
    execFileSync('mkfifo', [fifo]);
    const env = { CONCUR_TUI_CONFIG_DIR: join(dir, 'config') };
    const emulated = cli(['emulate', '--scenario', 'count', '--calibration', 'machine'], env);
    expect(emulated.signal).toBeNull();
    expect(emulated.code).toBe(2);
    expect(emulated.stderr).toBe(`concur-tui: calibration file: ${fifo} is not a regular file\n`);
    const real = cli(['run', '--tasks', 'io:10ms', '--strategy', 'sequential'], env);
    expect(real.signal).toBeNull();
    expect(real.code).toBe(2);
    expect(real.stderr).toBe(`concur-tui: calibration file: ${fifo} is not a regular file\n`);
  });

  it('--tasks-file holds what the argument limit cannot: 10,000 tasks, one a line, with comments', () => {
    const dir = fresh();
    const file = join(dir, 'tasks.txt');
    writeFileSync(file, `# ten thousand sleeps\n${Array.from({ length: 10_000 }, () => 'io:10ms').join('\n')}\n`);
    const { code, stdout } = cli(['emulate', '--tasks-file', file, '--strategy', 'threads']);
    expect(code).toBe(0);
    // 10,000 sleeps of 10 ms overlap: 10 ms plus 10,000 switches of 50 µs on 2 cores.
    expect(stdout).toMatch(/^threads\s+emulated\s+260\.0ms\s+-\s+0\.0%\s+20000\s+0\s+0\s+-\s+-$/m);
  }, 30_000);

  it('--tasks-file is read like a tape: only a regular file, size-capped, and not with --tasks', () => {
    const dir = fresh();
    expect(cli(['emulate', '--tasks-file', '/dev/zero']).stderr).toBe('concur-tui: --tasks-file: /dev/zero is not a regular file\n');
    const big = join(dir, 'big.txt');
    writeFileSync(big, '1ms,'.repeat(300_000));
    expect(cli(['emulate', '--tasks-file', big]).stderr).toBe(`concur-tui: --tasks-file: ${big} is larger than the limit of 1 MiB\n`);
    const both = cli(['emulate', '--tasks-file', big, '--tasks', '1ms']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('concur-tui: --tasks and --tasks-file cannot be used together: give the task list once\n');
  });
});
