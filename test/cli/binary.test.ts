import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCast } from '../../src/export/asciicast.js';

// What only the built binary can show (npm test builds first): the launcher, how the process
// ends (exit codes, a closed pipe, a full disk, a signal), and that it ends at all once the work
// is done. Every other command-line behaviour is tested in-process (test/cli/run-cli.ts).

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'concur-bin-'));
// An empty config dir: the tests must not depend on a calibration someone stored.
const env = { ...process.env, CI: '1', CONCUR_TUI_CONFIG_DIR: dir };

function bin(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the concur-tui binary', () => {
  it('--version prints the package version and exits 0', () => {
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(bin('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('a usage error is one line on stderr and exit 2, with no stack trace', () => {
    expect(bin('emulate', '--cores', '0')).toEqual({ code: 2, stdout: '', stderr: "concur-tui: --cores: '0' must be a whole number from 1 to 1024\n" });
  });

  // No worker pool nor child left to keep the process alive (sequential and async use a pool of one, the host).
  it('a real run with worker threads and child processes prints its JSON and ends by itself', () => {
    const { code, stdout, stderr } = bin('run', '--tasks', '5ms,5ms', '--strategy', 'worker,process', '--json');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // `worker` and `process` are the old names of thread-pool and process-pool.
    expect(JSON.parse(stdout).runs.map((run: { strategy: string }) => run.strategy)).toEqual(['thread-pool', 'process-pool']);
  });

  it('a Ctrl+C in a tape with keys still to come ends the process with 130 and leaves a whole cast', () => {
    const tape = join(dir, 'quit.tape');
    const cast = join(dir, 'quit.cast');
    writeFileSync(tape, 'Sleep 100ms\nCtrl+C\nSleep 5s\nTab\n');
    expect(bin('--script', tape, '--record', cast).code).toBe(130);
    expect(readCast(readFileSync(cast, 'utf8')).events.at(-1)![0]).toBeCloseTo(0.1, 3);
  });

  it.each([
    ['emulate', '--tasks', '1s,1s', '--strategy', 'threads', '--json'], // 140 KB: more than a pipe holds
    ['scenarios'],
  ])('`concur-tui %s … | head -c 10` exits quietly', (...args) => {
    // The reader takes 10 bytes and goes away; the rest of the output meets a closed pipe.
    const result = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${BIN}" ${args.map((a) => `'${a}'`).join(' ')} | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('status 0');
  });

  it.runIf(existsSync('/dev/full')).each(['scenarios', '--scenario sleep', '--help', '--version'])(
    '`concur-tui %s > /dev/full` names the failure in one line, exit 1, not as a bug',
    (command) => {
      const full = openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, [BIN, ...command.split(' ')], { encoding: 'utf8', env, stdio: ['ignore', full, 'pipe'] });
        expect(result.status).toBe(1);
        expect(result.stderr).toBe('concur-tui: cannot write output: no space left on device (ENOSPC)\n');
      } finally {
        closeSync(full);
      }
    },
  );

  it('SIGTERM during a run stops every worker and child and exits 143', async () => {
    const child = spawn(process.execPath, [BIN, 'run', '--tasks', '60s,60s', '--strategy', 'process'], { env, stdio: 'ignore' });
    const grandchildren = () =>
      spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .filter(Boolean)
        .map(Number);
    const isAlive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    let pids: number[] = [];
    try {
      // Wait until both grandchildren exist, then terminate the CLI.
      await expect.poll(grandchildren, { timeout: 30_000 }).toHaveLength(2);
      pids = grandchildren();
      const exited = new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(pids.filter(isAlive)).toEqual([]);
    } finally {
      // A failed assertion must not leave two minutes of CPU work running behind the suite.
      for (const pid of [...pids, ...grandchildren()]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
