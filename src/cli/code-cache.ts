import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join } from 'node:path';
import vm from 'node:vm';

/**
 * Runs the command line's CommonJS bundle (scripts/bundle.mjs) with V8's code cache: the
 * bytecode of every function a start compiled, kept on disk, so that the next start of the same
 * command deserializes it instead of parsing and compiling ~2 MB of JavaScript again. Node 22
 * caches its modules itself (module.enableCompileCache), but not an ES module on Node 20, and
 * not a script run through `vm`: this is the one cache on every supported Node.
 *
 * One cache file per command: each holds the functions that command ran (a cache is written
 * once, after the first start's work, at exit), so `emulate` does not compile at every start the
 * functions the `scenarios` that wrote the cache never called.
 */

/** The user's cache directory (XDG's: a relative XDG_CACHE_HOME is ignored, as the spec says), or null without a home to keep it in. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : env.HOME ? join(env.HOME, '.cache') : null;
  return base === null ? null : join(base, 'concur-tui', 'code');
}

/** FNV-1a, 32 bits, in hex: a name for what the cache depends on (crypto would cost every start ~5 ms to load). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache file's name: the bundle, its build (path, size and time: a rebuild is another
 * file), the command (`variant`), and what V8 checks before it accepts a cache (its version,
 * the architecture, the flags), so that two Nodes or two flag sets do not reject and rewrite
 * each other's file at every start.
 */
export function cacheFileName(file: string, variant: string): string {
  const { size, mtimeMs } = statSync(file);
  const build = fnv1a(`${file}\0${size}\0${mtimeMs}`);
  const runtime = fnv1a(`${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`);
  return `${basename(file).replaceAll('.', '-')}.${build}.${variant}.${runtime}.v8`;
}

/** How old a cache of another build may get before a new cache deletes it: a checkout beside this one may still use its own. */
const STALE_MS = 60 * 60 * 1000;

/** Deletes the caches of this bundle's other builds that have not been written in the last hour. */
function pruneOtherBuilds(directory: string, name: string): void {
  const [bundle, build] = name.split('.', 2) as [string, string];
  const now = Date.now();
  for (const other of readdirSync(directory)) {
    const [otherBundle, otherBuild] = other.split('.', 2);
    if (otherBundle !== bundle || otherBuild === build) continue;
    const path = join(directory, other);
    if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
  }
}

/** What the caller learns of a run: whether a cache was used, for the tests and benches. */
export interface CachedRun {
  exports: Record<string, unknown>;
  /** The cache file, or null when there is no cache directory. */
  cachePath: string | null;
  /** True when V8 took the code from the cache. */
  fromCache: boolean;
  /**
   * Writes the cache now, with the functions compiled so far, when it needs writing (once:
   * later calls, and the write at exit, do nothing). For a process that a signal ends, which
   * runs no exit handler.
   */
  saveCache: () => void;
}

/**
 * Runs `file` (a CommonJS module) in this context with the cache for `variant`, and writes the
 * cache at exit (or at `saveCache`) when there was none or V8 rejected it. A cache is only a saving: any failure to
 * read or write it leaves the run as it would be without one.
 */
export function runWithCodeCache(file: string, variant: string, directory = cacheDirectory()): CachedRun {
  const source = readFileSync(file, 'utf8');
  const cachePath = directory === null ? null : join(directory, cacheFileName(file, variant));
  let cachedData: Buffer | undefined;
  try {
    if (cachePath !== null) cachedData = readFileSync(cachePath);
  } catch {
    // No cache yet.
  }
  // Node's own wrapper of a CommonJS module, so the bundle sees what `require` would give it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  let pending = cachePath !== null && !fromCache;
  const saveCache = () => {
    if (!pending || cachePath === null) return;
    pending = false;
    writeCache(script, cachePath);
  };
  process.once('exit', saveCache);
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cachePath, fromCache, saveCache };
}

/** Writes the cache beside a temporary name and renames it over: a start that reads it meanwhile sees a whole file or none. */
function writeCache(script: vm.Script, cachePath: string): void {
  const temporary = `${cachePath}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cachePath), { recursive: true });
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cachePath);
    pruneOtherBuilds(dirname(cachePath), basename(cachePath));
  } catch {
    // A read-only home, a full disk: the next start compiles again, as without a cache.
    try {
      unlinkSync(temporary);
    } catch {
      // Never written.
    }
  }
}
