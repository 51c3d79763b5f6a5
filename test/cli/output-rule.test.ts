import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const ESC = '\u001B';

function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, CI: '1', ...options.env },
    // A hang (open() of a FIFO waiting for a reader) becomes a failure, not a stuck suite.
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cliAsync(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const fresh = () => mkdtempSync(join(tmpdir(), 'concur-rule-'));
const EMULATE = ['emulate', '--scenario', 'sleep', '--strategy', 'sequential'];

describe('only regular files are replaced (issue 17, defect 1)', () => {
  it('calibrate --output DEVICE --force is refused in one line and the device stays a device', () => {
    const dir = fresh();
    const device = join(dir, 'mynull');
    execFileSync('mknod', [device, 'c', '1', '3']);
    const { code, stderr } = cli(['calibrate', '--iterations', '1000', '--no-python', '--output', device, '--force']);
    expect(code).toBe(2);
    expect(stderr).toBe(`concur-tui: --output: ${device} is not a regular file (a device, FIFO or socket); it is never replaced\n`);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('--export FIFO --force is refused and the FIFO stays', () => {
    const dir = fresh();
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = cli([...EMULATE, '--export', fifo, '--force']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/fifo\.json is not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('--record /dev/null --force is refused up front, as not a regular file (defect 10)', () => {
    const dir = fresh();
    const tape = join(dir, 't.tape');
    writeFileSync(tape, 'Sleep 100ms\n');
    const { code, stderr } = cli(['--script', tape, '--record', '/dev/null', '--force', '--cols', '80', '--rows', '24']);
    expect(code).toBe(2);
    expect(stderr).toBe('concur-tui: --record: /dev/null is not a regular file (a device, FIFO or socket); it is never replaced\n');
  });
});

describe('a FIFO as --record (defect 10)', () => {
  it('is refused at once, with --force or not, instead of blocking in open() for a reader', () => {
    const dir = fresh();
    const fifo = join(dir, 'fifo.cast');
    execFileSync('mkfifo', [fifo]);
    const tape = join(dir, 't.tape');
    writeFileSync(tape, 'Sleep 100ms\n');
    for (const force of [[], ['--force']]) {
      const { code, stderr } = cli(['--script', tape, '--record', fifo, ...force, '--cols', '80', '--rows', '24']);
      expect(code).toBe(2);
      expect(stderr).toBe(`concur-tui: --record: ${fifo} is not a regular file (a device, FIFO or socket); it is never replaced\n`);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('symlinks follow one rule for every output (defect 11)', () => {
  it('--export onto a dangling symlink without --force is refused, and nothing is created at its target', () => {
    const dir = fresh();
    const link = join(dir, 'dangling.json');
    symlinkSync(join(dir, 'target.json'), link);
    const { code, stderr } = cli([...EMULATE, '--export', link]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/dangling\.json is a symbolic link; use --force/);
    expect(readdirSync(dir)).toEqual(['dangling.json']);
  });

  it('--record onto a symlink with --force replaces the link and leaves its target alone', () => {
    const dir = fresh();
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'precious');
    const link = join(dir, 'link.cast');
    symlinkSync(target, link);
    const tape = join(dir, 't.tape');
    writeFileSync(tape, 'Sleep 100ms\n');
    const { code } = cli(['--script', tape, '--record', link, '--force', '--cols', '80', '--rows', '24']);
    expect(code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(lstatSync(link).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(link, 'utf8').split('\n')[0]!).version).toBe(2);
  });
});

describe('nothing is overwritten without --force, also under concurrency (defect 2)', () => {
  it('of two exports to one new name started together, exactly one wins, in each of 4 trials', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const dir = fresh();
      // count under every strategy: a render long enough that both writers are between check and claim.
      const results = await Promise.all([0, 1].map(() => cliAsync(['emulate', '--scenario', 'count', '--export', 'race.json'], dir)));
      expect(results.map((r) => r.code).sort()).toEqual([0, 2]);
      expect(results.find((r) => r.code === 2)!.stderr).toBe('concur-tui: race.json exists; use --force to overwrite\n');
      expect(readdirSync(dir)).toEqual(['race.json']);
    }
  }, 120_000);
});

describe('echoed names are quoted, control characters escaped (defect 8)', () => {
  it('--export with escape sequences in the name: the success line shows them escaped, git-style', () => {
    const dir = fresh();
    const name = 'evil\u001B]0;PWNED\u0007\u001B[2J.json';
    const { code, stderr } = cli([...EMULATE, '--export', name], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).not.toContain(ESC);
    expect(stderr).toContain('to "evil\\033]0;PWNED\\a\\033[2J.json"');
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('calibrate --output with a newline and colour in the name prints them escaped on stdout', () => {
    const dir = fresh();
    const { code, stdout } = cli(['calibrate', '--iterations', '1000', '--no-python', '--output', 'a\u001B[31mred\nx.json'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).not.toContain(ESC);
    expect(stdout).toContain('saved to "');
    expect(stdout).toContain('a\\033[31mred\\nx.json"\n');
  });
});
