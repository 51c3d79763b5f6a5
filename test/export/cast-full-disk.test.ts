import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CastWriter, readCast } from '../../src/export/asciicast.js';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const HEADER = { width: 20, height: 4, timestamp: 1_700_000_000, env: {} };

/** A 16 KiB file system, as the probe used: only root can mount one (CI runs as root). */
function mountSmall(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const root = mkdtempSync(join(tmpdir(), 'concur-full-'));
const small = join(root, 'small');
execFileSync('mkdir', [small]);
const mounted = process.getuid?.() === 0 && mountSmall(small);

afterAll(() => {
  if (mounted) execFileSync('umount', [small]);
  rmSync(root, { recursive: true, force: true });
});

describe.runIf(mounted)('a cast on a full disk (issue 17, defect 9)', () => {
  beforeAll(() => {
    rmSync(join(small, 'x.cast'), { force: true });
  });

  it('each event is written whole or not at all: the file parses after ENOSPC, and close shows the cursor again', () => {
    const file = join(small, 'unit.cast');
    const cast = CastWriter.create(file, HEADER, { force: false });
    cast.output(0, '\u001B[?25l');
    let failure: NodeJS.ErrnoException | undefined;
    for (let i = 1; i < 1000 && failure === undefined; i++) {
      try {
        cast.output(i / 100, `frame ${i} ${'x'.repeat(700)}`);
      } catch (error) {
        failure = error as NodeJS.ErrnoException;
      }
    }
    expect(failure?.code).toBe('ENOSPC');
    const cut = readCast(readFileSync(file, 'utf8'));
    expect(cut.events.length).toBeGreaterThan(2);
    // Later events are dropped, never half-written.
    cast.output(20, 'after the failure');
    expect(readCast(readFileSync(file, 'utf8')).events).toEqual(cut.events);
    cast.close();
    const closed = readCast(readFileSync(file, 'utf8'));
    // The cut-back freed the partial line's bytes: the show-cursor line fits.
    expect(closed.events.at(-1)?.[2]).toBe('\u001B[?25h');
    rmSync(file);
  });

  it('a scripted recording that fills the disk exits 1 with one line and leaves a cast that parses', () => {
    const tape = join(root, 'long.tape');
    writeFileSync(tape, 'Sleep 5s\nType "+"\nSleep 5s\nType "g"\nSleep 5s\n');
    const file = join(small, 'x.cast');
    const result = spawnSync(process.execPath, [BIN, '--script', tape, '--record', file, '--cols', '120', '--rows', '40'], {
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
      timeout: 60_000,
    });
    expect(result.stderr).toMatch(/^concur-tui: cannot write output: no space left on device \(ENOSPC\)\n$/);
    expect(result.status).toBe(1);
    expect(() => readCast(readFileSync(file, 'utf8'))).not.toThrow();
  });
});
