import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { UsageError } from '../errors.js';
import { quote } from '../quote.js';

/** A Python interpreter found on this machine, as it describes itself. */
export interface PythonInterpreter {
  /** The path it was found at (or given as). */
  path: string;
  /** `CPython`, `PyPy`, … (`platform.python_implementation()`). */
  implementation: string;
  /** The language version, e.g. `3.11.7`. */
  version: string;
  major: number;
  minor: number;
  /** PyPy's own version (e.g. `7.3.11`), when it is PyPy. */
  implementationVersion: string | null;
  /** Built without the GIL (`Py_GIL_DISABLED`, 3.13t and later). */
  freeThreadedBuild: boolean;
  /** Whether this process runs with a GIL (`sys._is_gil_enabled()` where it exists). */
  gilEnabled: boolean;
}

// Runs on every interpreter from 2.7 on: no f-strings, nothing outside the standard library.
const PROBE = [
  'import json, platform, sys',
  'try:\n import sysconfig; ft = sysconfig.get_config_var("Py_GIL_DISABLED") == 1\nexcept Exception:\n ft = False',
  'gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else not ft',
  'pypy = getattr(sys, "pypy_version_info", None)',
  'print(json.dumps({"concurTuiProbe": 1, "implementation": platform.python_implementation(), "version": platform.python_version(),',
  ' "major": sys.version_info[0], "minor": sys.version_info[1], "freeThreaded": ft, "gil": bool(gil),',
  ' "implementationVersion": ".".join(str(p) for p in pypy[:3]) if pypy else None}))',
].join('\n');

/** Interpreters older than this cannot run the harness (and predate the GIL work it shows). */
const OLDEST = { major: 2, minor: 7 };

/**
 * Asks `path` to describe itself. Throws a UsageError naming `flag` when it is missing, not a
 * Python interpreter, or older than 2.7.
 */
export function probeInterpreter(path: string, flag = '--python'): PythonInterpreter {
  const result = spawnSync(path, ['-c', PROBE], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${flag} ${quote(path)}: not found`);
    if (code === 'EACCES') throw new UsageError(`${flag} ${quote(path)}: not executable`);
    throw new UsageError(`${flag} ${quote(path)}: could not be run (${code ?? result.error.message})`);
  }
  const described = parseProbe(result.stdout);
  if (described === null) throw new UsageError(`${flag} ${quote(path)}: not a Python interpreter (it did not run a Python probe)`);
  if (described.major < OLDEST.major || (described.major === OLDEST.major && described.minor < OLDEST.minor)) {
    throw new UsageError(`${flag} ${quote(path)}: Python ${described.version} is too old (2.7 or later is needed)`);
  }
  return { path, ...described };
}

function parseProbe(stdout: string): Omit<PythonInterpreter, 'path'> | null {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    const data = JSON.parse(line) as Record<string, unknown>;
    if (data.concurTuiProbe !== 1) return null;
    return {
      implementation: String(data.implementation),
      version: String(data.version),
      major: Number(data.major),
      minor: Number(data.minor),
      implementationVersion: typeof data.implementationVersion === 'string' ? data.implementationVersion : null,
      freeThreadedBuild: data.freeThreaded === true,
      gilEnabled: data.gil === true,
    };
  } catch {
    return null;
  }
}

/** How the interpreter is named on screen: `CPython 3.11.7, GIL`, `PyPy 7.3.11 (GIL)`, `CPython 3.13.0t, free-threaded`. */
export function describeInterpreter(python: PythonInterpreter): string {
  if (python.implementation === 'PyPy') return `PyPy ${python.implementationVersion ?? python.version} (GIL)`;
  const version = `${python.implementation} ${python.version}${python.freeThreadedBuild ? 't' : ''}`;
  if (python.gilEnabled) return python.freeThreadedBuild ? `${version}, GIL re-enabled` : `${version}, GIL`;
  return `${version}, free-threaded`;
}

/** True when `asyncio` with async/await exists (3.5+): the async strategy needs it. */
export function hasAsyncio(python: PythonInterpreter): boolean {
  return python.major > 3 || (python.major === 3 && python.minor >= 5);
}

/** Names looked up on PATH, in this order. */
const PATH_NAMES = ['python3', 'python', 'python2', 'pypy3', 'pypy'];

/** Candidate paths: names on PATH, then every pyenv version, then the ones given. */
function candidates(env: NodeJS.ProcessEnv, extra: readonly string[]): string[] {
  const found: string[] = [];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const path = join(dir, name);
      if (existsSync(path)) found.push(path);
    }
  }
  const pyenvRoot = env.PYENV_ROOT ?? join(env.HOME ?? homedir(), '.pyenv');
  const versions = join(pyenvRoot, 'versions');
  if (existsSync(versions)) {
    for (const version of readdirSync(versions).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
      for (const name of ['python', 'pypy3', 'pypy']) {
        const path = join(versions, version, 'bin', name);
        if (existsSync(path)) {
          found.push(path);
          break;
        }
      }
    }
  }
  return [...found, ...extra];
}

/** A found interpreter, or why a given path is not one. */
export type Discovered = { ok: true; python: PythonInterpreter } | { ok: false; path: string; reason: string };

/**
 * Every interpreter on this machine (PATH, pyenv, and `extra` paths), each once: paths that
 * resolve to the same file (pyenv shims aside) are probed once. Given paths that are not
 * interpreters are reported, found ones that fail the probe are skipped.
 */
export function discoverInterpreters(env: NodeJS.ProcessEnv = process.env, extra: readonly string[] = []): Discovered[] {
  const seen = new Set<string>();
  const results: Discovered[] = [];
  const seenVersions = new Set<string>();
  for (const path of candidates(env, extra)) {
    const given = extra.includes(path);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      if (given) results.push({ ok: false, path, reason: 'not found' });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    try {
      const python = probeInterpreter(path);
      // A pyenv shim and the version it runs are the same interpreter under two paths.
      const identity = `${python.implementation} ${python.version} ${python.freeThreadedBuild}`;
      if (!given && seenVersions.has(identity)) continue;
      seenVersions.add(identity);
      results.push({ ok: true, python });
    } catch (error) {
      if (given) results.push({ ok: false, path, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

/**
 * The tutorial's loop, timed in the interpreter itself by the process's CPU time, not the wall
 * clock: a count sized from it is D of CPU work however busy the machine is while it is timed
 * (on a loaded machine the wall clock made `--tasks cpu:200ms` a third of that). 2.7 has no
 * process_time; its time.clock is CPU time on Unix.
 */
const TIMED_COUNT = [
  'import sys, time',
  'timer = getattr(time, "process_time", None) or time.clock',
  'def count(n):',
  ' c = 0',
  ' for i in (xrange if sys.version_info[0] == 2 else range)(n):',
  '  c = c + i',
  ' return c',
  'n = int(sys.argv[1]); count(n // 10); start = timer(); count(n); print(repr((timer() - start) * 1e9 / n))',
].join('\n');

/** This interpreter's CPU cost of one iteration of the tutorial's loop, in ns (a ~0.1 s measurement of its CPU time). */
export function measureNsPerIteration(python: PythonInterpreter, iterations = 3_000_000): number {
  const result = spawnSync(python.path, ['-c', TIMED_COUNT, String(iterations)], { encoding: 'utf8', timeout: 60_000 });
  const ns = Number(result.stdout.trim());
  if (result.status !== 0 || !Number.isFinite(ns) || ns <= 0) {
    throw new Error(`${python.path} could not time the count loop: ${result.stderr.trim().split('\n').at(-1) ?? `exit ${result.status}`}`);
  }
  return ns;
}

/** `-I` isolates the interpreter from the user's site and environment (3.4+); 2.7 has `-E -s`. */
export function isolationFlags(python: PythonInterpreter): string[] {
  return python.major > 3 || (python.major === 3 && python.minor >= 4) ? ['-I'] : ['-E', '-s'];
}
