import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDirectory, cacheFileName } from '../../src/cli/code-cache.js';

/** The compiled loader (vitest's global setup builds it): a child process runs it as the bundle's main.js does. */
const LOADER = pathToFileURL(fileURLToPath(new URL('../../dist/src/cli/code-cache.js', import.meta.url))).href;
const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'concur-code-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a fresh process that ran `script` through runWithCodeCache saw. */
interface ScriptRun {
  answer: unknown;
  fromCache: boolean;
  stderr: string;
}

/** Runs `script` through runWithCodeCache in a fresh process (whose flags name its cache file: `cachePath`). */
function runScript(script: string, cacheDir: string): ScriptRun & { cachePath: string } {
  const program = `import { runWithCodeCache } from ${JSON.stringify(LOADER)};
const run = runWithCodeCache(${JSON.stringify(script)}, 'emulate', ${JSON.stringify(cacheDir)});
process.stdout.write(JSON.stringify({ answer: run.exports.answer(), fromCache: run.fromCache, cachePath: run.cachePath }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return { ...(JSON.parse(result.stdout) as { answer: unknown; fromCache: boolean; cachePath: string }), stderr: result.stderr };
}

const seen = ({ answer, fromCache, stderr }: ScriptRun): ScriptRun => ({ answer, fromCache, stderr });

describe("the command line's code cache (src/cli/code-cache.ts; issue 15: start-up)", () => {
  it("lives in XDG's cache directory (an absolute one), else ~/.cache, else nowhere", () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x', HOME: '/home/u' })).toBe(join('/x', 'concur-tui', 'code'));
    expect(cacheDirectory({ HOME: '/home/u' })).toBe(join('/home/u', '.cache', 'concur-tui', 'code'));
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe(join('/home/u', '.cache', 'concur-tui', 'code'));
    expect(cacheDirectory({})).toBeNull();
  });

  it('a file per build and per command: a rebuilt bundle or another command is another file', () => {
    const script = join(dir, 'bundle.cjs');
    writeFileSync(script, 'exports.answer = () => 1;\n');
    const first = cacheFileName(script, 'emulate');
    expect(first).toMatch(/^bundle-cjs\.[0-9a-f]{8}\.emulate\.[0-9a-f]{8}\.v8$/);
    expect(cacheFileName(script, 'scenarios')).not.toBe(first);
    writeFileSync(script, 'exports.answer = () => 22;\n');
    expect(cacheFileName(script, 'emulate')).not.toBe(first);
  });

  it('the first start writes the cache at exit; the next takes its code from it and leaves the file as it was', () => {
    const script = join(dir, 'bundle.cjs');
    writeFileSync(script, 'exports.answer = () => [1, 2, 3].map((n) => n * 14).at(-1);\n');
    const cacheDir = join(dir, 'cache');
    const first = runScript(script, cacheDir);
    expect(seen(first)).toEqual({ answer: 42, fromCache: false, stderr: '' });
    expect(readdirSync(cacheDir).map((name) => join(cacheDir, name))).toEqual([first.cachePath]);
    const written = statSync(first.cachePath);
    expect(written.size).toBeGreaterThan(0);
    expect(seen(runScript(script, cacheDir))).toEqual({ answer: 42, fromCache: true, stderr: '' });
    expect(statSync(first.cachePath).mtimeMs).toBe(written.mtimeMs);
  });

  it('a corrupt cache is rejected by V8 and written again; an unwritable directory only means no cache', () => {
    const script = join(dir, 'bundle.cjs');
    writeFileSync(script, 'exports.answer = () => "ok";\n');
    const cacheDir = join(dir, 'cache');
    const file = runScript(script, cacheDir).cachePath;
    writeFileSync(file, 'not a code cache');
    expect(seen(runScript(script, cacheDir))).toEqual({ answer: 'ok', fromCache: false, stderr: '' });
    expect(readFileSync(file, 'utf8')).not.toBe('not a code cache');
    expect(seen(runScript(script, cacheDir))).toEqual({ answer: 'ok', fromCache: true, stderr: '' });
    // A file where the directory should be: nothing can be written under it.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    expect(seen(runScript(script, join(blocked, 'cache')))).toEqual({ answer: 'ok', fromCache: false, stderr: '' });
    expect(seen(runScript(script, join(blocked, 'cache')))).toEqual({ answer: 'ok', fromCache: false, stderr: '' });
  });

  it('the binary keeps a cache per command in XDG_CACHE_HOME; a second start uses it and prints the same', () => {
    const env = { ...process.env, CI: '1', XDG_CACHE_HOME: dir };
    const args = [BIN, 'emulate', '--tasks', '5ms,5ms', '--strategy', 'threads'];
    const first = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    expect(first.status, first.stderr).toBe(0);
    const files = readdirSync(join(dir, 'concur-tui', 'code'));
    expect(files).toEqual([expect.stringMatching(/^command-line-cjs\.[0-9a-f]{8}\.emulate\./)]);
    const written = statSync(join(dir, 'concur-tui', 'code', files[0]!)).mtimeMs;
    const second = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('');
    // Accepted: a rejected cache would have been written again.
    expect(statSync(join(dir, 'concur-tui', 'code', files[0]!)).mtimeMs).toBe(written);
  });
});
