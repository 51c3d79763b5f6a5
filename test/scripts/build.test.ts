import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempClone } from './temp-clone.js';

let clone: ReturnType<typeof tempClone>;
beforeAll(() => {
  clone = tempClone();
});
afterAll(() => clone.remove());

const build = (...args: string[]) => spawnSync(process.execPath, [join(clone.dir, 'scripts', 'build.mjs'), ...args], { encoding: 'utf8' });
const bin = (...args: string[]) => spawnSync(process.execPath, [join(clone.dir, 'bin', 'concur-tui'), ...args], { encoding: 'utf8' });
/** The build `dist` names (from its marker), or null. */
const current = (): string | null => {
  try {
    return (JSON.parse(readFileSync(join(clone.dir, 'dist', 'build.json'), 'utf8')) as { id: string }).id;
  } catch {
    return null;
  }
};
const versions = () =>
  readdirSync(clone.dir)
    .filter((name) => name.startsWith('.dist-'))
    .sort();
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const works = () => expect(bin('--version').stdout.trim()).toBe(VERSION);

/** Starts a build and resolves once its compiler runs (a child of the build process). */
async function buildWhileCompiling(): Promise<{ pid: number; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [join(clone.dir, 'scripts', 'build.mjs')], { stdio: 'ignore' });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const compiling = () => spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim() !== '';
  await expect.poll(compiling, { timeout: 10_000, interval: 20 }).toBe(true);
  return { pid: child.pid!, exit };
}

describe('scripts/build.mjs in a fresh clone', { timeout: 120_000 }, () => {
  it('a clone with no complete build (here: a dist/ of the old build, no marker): the first run builds it, then runs', () => {
    mkdirSync(join(clone.dir, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(clone.dir, 'dist', 'src', 'cli', 'main.js'), 'throw new Error("half a build")\n');
    const first = bin('--version');
    expect(first.stderr).toContain('concur-tui is not built yet: building it');
    expect(first.stdout.trim()).toBe(VERSION);
    expect(lstatSync(join(clone.dir, 'dist')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(clone.dir, 'dist'))).toBe(`.dist-${current()}`);
    expect(versions()).toEqual([`.dist-${current()}`]);
    expect(bin('--version').stderr).toBe(''); // built: the next run just runs
  });

  it('--if-stale keeps a build made from the same sources, and rebuilds after a change', () => {
    const before = current();
    expect(build('--if-stale').status).toBe(0);
    expect(current()).toBe(before);
    appendFileSync(join(clone.dir, 'src', 'cli', 'main.ts'), '\n// a change\n');
    expect(build('--if-stale').status).toBe(0);
    expect(current()).not.toBe(before);
    works();
  });

  it('a type error anywhere (a test included) fails the build and leaves dist as it was', () => {
    const before = current();
    const broken = join(clone.dir, 'test', 'broken.test.ts');
    mkdirSync(join(clone.dir, 'test'), { recursive: true });
    writeFileSync(broken, 'export const n: number = "not a number";\n');
    const result = build();
    rmSync(broken);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the compiler failed: dist/ is unchanged');
    expect(current()).toBe(before);
    expect(versions().filter((name) => name.endsWith('.partial'))).toEqual([]);
    works();
  });

  it('an interrupt (SIGINT, SIGTERM, SIGHUP) while compiling stops the compiler and leaves dist as it was', async () => {
    const before = current();
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const running = await buildWhileCompiling();
      process.kill(running.pid, signal);
      expect(await running.exit).toBe(130);
      expect(current()).toBe(before);
      expect(versions().filter((name) => name.includes('.', 1))).toEqual([]); // no half-built copy left
      works();
    }
  });

  it('a build killed outright (SIGKILL) leaves a working binary; later builds delete its leftovers and every build nobody uses', async () => {
    const held = current()!;
    const running = await buildWhileCompiling();
    process.kill(running.pid, 'SIGKILL');
    await running.exit;
    expect(current()).toBe(held);
    works();
    // What bin/concur-tui does while it runs: a file of its build stays open.
    const fd = openSync(join(clone.dir, `.dist-${held}`, 'build.json'), 'r');
    try {
      expect(build().status).toBe(0);
      const next = current()!;
      expect(build().status).toBe(0);
      // held: open; next: the one before the current (a process may be starting on it); the current.
      expect(versions()).toEqual([`.dist-${held}`, `.dist-${next}`, `.dist-${current()}`].sort());
    } finally {
      closeSync(fd);
    }
  });

  it('--pack makes dist a real directory (npm pack skips symlinks), compiling only when stale; the next build makes it a link again', () => {
    const before = current();
    appendFileSync(join(clone.dir, 'src', 'cli', 'main.ts'), '\n// another change\n');
    expect(build('--pack').status).toBe(0);
    const packed = current();
    expect(packed).not.toBe(before);
    expect(lstatSync(join(clone.dir, 'dist')).isDirectory()).toBe(true);
    expect(existsSync(join(clone.dir, 'dist', 'src', 'cli', 'main.js'))).toBe(true);
    works();
    expect(build('--pack').status).toBe(0); // nothing changed since: the same build, no compile
    expect(current()).toBe(packed);
    expect(build().status).toBe(0);
    expect(current()).not.toBe(packed);
    expect(lstatSync(join(clone.dir, 'dist')).isSymbolicLink()).toBe(true);
    expect(versions()).toEqual([`.dist-${packed}`, `.dist-${current()}`].sort()); // builds nobody has open are gone
    works();
  });
});

describe('bin/concur-tui without a build and without the compiler (an installed package)', () => {
  it('prints one line and exits 1', () => {
    const bare = tempClone();
    try {
      rmSync(join(bare.dir, 'scripts'), { recursive: true });
      const result = spawnSync(process.execPath, [join(bare.dir, 'bin', 'concur-tui'), 'emulate'], { encoding: 'utf8' });
      expect(result.stderr).toBe('concur-tui is not built: run npm run build\n');
      expect(result.stdout).toBe('');
      expect(result.status).toBe(1);
    } finally {
      bare.remove();
    }
  });
});
