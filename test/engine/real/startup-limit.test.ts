import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/concur-tui', import.meta.url));
const TASKS = Array.from({ length: 8 }, () => 'io:300ms').join(',');

/** `run` as the unprivileged user nobody under a process limit (the limit counts that user's processes and threads). */
function runLimited(nproc: number, strategy: string) {
  const home = mkdtempSync(join(tmpdir(), 'concur-nobody-'));
  chmodSync(home, 0o777);
  const args = [
    '--reuid=nobody',
    '--regid=nogroup',
    '--clear-groups',
    'prlimit',
    `--nproc=${nproc}`,
    process.execPath,
    BIN,
    'run',
    '--tasks',
    TASKS,
    '--strategy',
    strategy,
    '--procs',
    '8',
    '--threads',
    '8',
  ];
  // The timeout stands for "it hung": far above the start-up deadline (10 s).
  const result = spawnSync('setpriv', args, { encoding: 'utf8', env: { ...process.env, CI: '1', HOME: home }, timeout: 50_000 });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe.runIf(process.getuid?.() === 0)('executors that cannot start under a process limit (issue 17, defect 5)', () => {
  // `worker` and `process` are the old names of thread-pool and process-pool (CLI aliases).
  it.each(['worker', 'threads'])(
    'worker threads (%s) that get EAGAIN fail their lanes with the reason, exit 3, not "internal error"',
    (strategy) => {
      const { code, stdout, stderr } = runLimited(14, strategy);
      expect(stderr).not.toMatch(/internal error/);
      expect(code).toBe(3);
      expect(stdout).toMatch(/failed: .*\((thread-pool|threads)\): cannot start a worker thread: .*EAGAIN/);
    },
    60_000,
  );

  it.each(['process', 'processes'])(
    'child processes (%s) that cannot start fail their lanes with the reason and the run ends, exit 3',
    (strategy) => {
      const { code, signal, stdout, stderr } = runLimited(30, strategy);
      expect(signal).toBeNull();
      expect(stderr).not.toMatch(/internal error/);
      expect(code).toBe(3);
      expect(stdout).toMatch(
        /failed: .*\((process-pool|processes)\): (cannot start a child process|child process did not start within 10 s|child process killed by SIGABRT)/,
      );
    },
    60_000,
  );
});
