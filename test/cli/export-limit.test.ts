import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
// 1,200,001 spans: a 1 µs slice on one core, accepted by the emulator's event budget.
const HUGE = ['emulate', '--tasks', '300ms,300ms', '--quantum', '1us', '--cores', '1', '--gil', 'none', '--switch-cost', '0us', '--strategy', 'threads'];
const LIMIT = 'the trace has 1,200,001 spans, more than the limit of 500,000 for one export; use a longer --quantum, shorter tasks or fewer strategies';

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 120_000, maxBuffer: 1 << 30 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('an emulation too large to export is refused with the limit named (issue 17, defect 7)', () => {
  it.each(['big.csv', 'big.trace.json'])(
    '--export %s: one line, exit 2, no file and no internal error',
    (name) => {
      const file = join(mkdtempSync(join(tmpdir(), 'concur-limit-')), name);
      const { code, stderr } = cli([...HUGE, '--export', file]);
      expect(stderr).toBe(`concur-tui: --export: ${LIMIT}\n`);
      expect(code).toBe(2);
      expect(existsSync(file)).toBe(false);
    },
    120_000,
  );

  it('--json: one line, exit 2, nothing on stdout', () => {
    const { code, stdout, stderr } = cli([...HUGE, '--json']);
    expect(stderr).toBe(`concur-tui: --json: ${LIMIT}\n`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  }, 120_000);
});
