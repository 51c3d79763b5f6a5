#!/usr/bin/env node
// The build, made atomic: `dist/` always names one complete build, and a build that is still
// running, failed or was interrupted never changes what it names.
//
// Each build compiles into `.dist-ID.partial/`, becomes `.dist-ID/` once the compiler succeeded,
// and `dist` is then a symlink swapped onto it with one rename(2). A running concur-tui loaded its
// modules from its own `.dist-ID/` (bin/concur-tui resolves the link once, at start, and keeps a
// file in it open), so its later worker threads and children load the same build however many
// rebuilds happen meanwhile; builds are deleted only when no process has a file of theirs open.
// Versions sit beside `dist` (same depth), so a path relative to a module works in either.
//
//   node scripts/build.mjs             compile (type-checks src, test and bench), bundle (scripts/bundle.mjs) and swap dist
//   node scripts/build.mjs --if-stale  the same, unless dist was built from these very sources
//   node scripts/build.mjs --pack      the same as --if-stale, then dist becomes a real directory (npm pack skips symlinks)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  linkSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Real path: /proc shows open files by their real paths.
const ROOT = realpathSync(dirname(dirname(fileURLToPath(import.meta.url))));
const DIST = join(ROOT, 'dist');
/** Written last into a build: its presence is what makes a build complete (bin/concur-tui checks it). */
const MARKER = 'build.json';
/** What the compiler reads, plus what the build copies and how it builds: a change to any of them is a new build. */
const INPUT_DIRS = ['src', 'test', 'bench'];
const INPUT_FILES = ['tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/bundle.mjs', 'scripts/stored-help.mjs'];
/** Files under src/ that are not compiled but needed at run time (a Python harness): copied as they are. */
const COMPILED = /\.(ts|tsx|mts|cts)$/;
const IGNORED = /(^|\/)(__pycache__|.*\.pyc)$/;
/** Without /proc nobody can tell which builds are in use: then the newest few are kept. */
const KEEP_WITHOUT_PROC = 5;

const say = (line) => process.stderr.write(`build: ${line}\n`);

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((path) => !IGNORED.test(path))
    .sort();
}

/** A hash of every input's path and content (and the compiler's version): equal hashes, equal builds. */
function inputsHash() {
  const hash = createHash('sha256');
  hash.update(`typescript ${compilerVersion()}\n`);
  for (const path of [...INPUT_DIRS.flatMap((dir) => filesUnder(join(ROOT, dir))), ...INPUT_FILES]) {
    hash.update(`${path}\n`);
    hash.update(existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path)) : '(none)');
    hash.update('\n');
  }
  return hash.digest('hex');
}

function compilerPath() {
  return join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
}

function compilerVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  } catch {
    return 'none';
  }
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
  } catch {
    return null;
  }
}

/** The build `dist` names now (`.dist-ID` when dist is our symlink or a --pack copy), or null. */
function currentBuild() {
  return readMarker(DIST)?.id ?? null;
}

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** Builds that some process has a file of open (bin/concur-tui keeps one open while it runs), or null without /proc. */
function buildsInUse() {
  if (!existsSync('/proc/self/fd')) return null;
  const used = new Set();
  const prefix = join(ROOT, '.dist-');
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to look at
    }
    for (const fd of fds) {
      let target;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target.startsWith(prefix)) used.add(target.slice(ROOT.length + 1).split('/')[0]);
    }
  }
  return used;
}

/** Deletes builds nobody can reach: not current, not the one before it (a process may be starting on it), not open. */
function prune(keep) {
  const entries = readdirSync(ROOT).filter((name) => name.startsWith('.dist-'));
  const inUse = buildsInUse();
  const complete = entries.filter((name) => !name.includes('.', 1)).sort();
  const kept = new Set([...keep].map((id) => `.dist-${id}`));
  if (inUse === null) for (const name of complete.slice(-KEEP_WITHOUT_PROC)) kept.add(name);
  for (const name of entries) {
    if (kept.has(name) || inUse?.has(name)) continue;
    // A build belongs to its builder (`.dist-STAMP-PID`, `.partial` while compiling) while that
    // one lives: a build running beside this one may not have swapped dist onto its own yet.
    const builder = /^\.dist-\d+T\d+-(\d+)(\.\w+)?$/.exec(name);
    if (builder && isAlive(Number(builder[1]))) continue;
    rmSync(join(ROOT, name), { recursive: true, force: true });
  }
}

/** Copies src/'s run-time files that the compiler does not emit. */
function copyAssets(outDir) {
  for (const path of filesUnder(join(ROOT, 'src')).filter((file) => !COMPILED.test(file))) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    copyFileSync(join(ROOT, path), join(outDir, path));
  }
}

/**
 * Runs the compiler into outDir; a signal to the build reaches the compiler too. Resolves to its
 * exit code once every process of the compiler is gone. TypeScript 7's `tsc` is a Node wrapper
 * around a native binary (its child on Node 20): the compiler runs in a process group of its own
 * and signals go to the whole group, or the binary would go on writing into outDir after the
 * build removed it.
 */
function compile(outDir, signals) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [compilerPath(), '-p', join(ROOT, 'tsconfig.json'), '--noEmit', 'false', '--outDir', outDir], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    const toGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    signals.forward = toGroup;
    child.on('exit', (code, signal) => {
      void groupGone(child.pid, toGroup).then(() => resolve(signal ? 1 : (code ?? 1)));
    });
  });
}

/** Waits until no process of group `pgid` is left (at most ~2 s, then SIGKILL). */
async function groupGone(pgid, toGroup) {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; alive(); i++) {
    if (i === 200) toGroup('SIGKILL');
    await new Promise((done) => setTimeout(done, 10));
  }
}

/**
 * Renders every help text of the build into it (scripts/stored-help.mjs), in English whatever
 * this shell's locale: `--help` prints them without loading yargs. Resolves to the exit code.
 */
function storeHelp(outDir) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'stored-help.mjs'), outDir], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LC_ALL: 'en_US.UTF-8', NODE_ENV: 'production' },
    });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

/** Makes `dist` name build `id`: a symlink renamed over the old one (atomic), or for npm pack a real directory. */
function pointDistAt(id, asDirectory) {
  const target = join(ROOT, `.dist-${id}`);
  const next = join(ROOT, `.dist-${id}.next`);
  if (asDirectory) {
    // Hard links: the same files, so the copy costs no space and is as complete as the build.
    for (const path of readdirSync(target, { recursive: true, withFileTypes: true })) {
      const from = join(path.parentPath, path.name);
      const to = join(next, relative(target, from));
      if (path.isDirectory()) mkdirSync(to, { recursive: true });
      else {
        mkdirSync(dirname(to), { recursive: true });
        try {
          linkSync(from, to);
        } catch {
          copyFileSync(from, to);
        }
      }
    }
  } else {
    symlinkSync(`.dist-${id}`, next);
  }
  const old = lstatSafe(DIST);
  // rename(2) replaces a symlink in one step; a directory (an old build, or an npm pack copy)
  // must move aside first. Both renames run with no await between them: a signal waits.
  if (old?.isDirectory() || (asDirectory && old)) {
    const aside = join(ROOT, `.dist-${stamp()}-${process.pid}.old`);
    renameSync(DIST, aside);
    renameSync(next, DIST);
    rmSync(aside, { recursive: true, force: true });
  } else {
    renameSync(next, DIST);
  }
}

function lstatSafe(path) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function stamp() {
  return new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
}

async function main() {
  const args = new Set(process.argv.slice(2));
  for (const arg of args) {
    if (!['--if-stale', '--pack'].includes(arg)) {
      say(`unknown option ${arg} (have --if-stale, --pack)`);
      process.exit(2);
    }
  }
  if (!existsSync(compilerPath())) {
    say('typescript is not installed (a dev dependency): run npm install');
    process.exit(1);
  }
  const inputs = inputsHash();
  const previous = currentBuild();
  const pack = args.has('--pack');
  const fresh = previous !== null && readMarker(DIST)?.inputs === inputs && existsSync(join(ROOT, `.dist-${previous}`, MARKER));
  if (fresh && pack) return pointDistAt(previous, true);
  if (fresh && args.has('--if-stale')) return;

  // Until the new build is in place, a signal only sets this: the handler runs between steps,
  // never inside the renames, and the compiler gets the signal too.
  const signals = { received: null, forward: null };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      signals.received = signal;
      signals.forward?.(signal);
    });
  }
  const id = `${stamp()}-${process.pid}`;
  const partial = join(ROOT, `.dist-${id}.partial`);
  const failed = (why, code) => {
    rmSync(partial, { recursive: true, force: true });
    say(`${why}: dist/ is unchanged`);
    process.exit(code);
  };
  const status = await compile(partial, signals);
  if (signals.received) failed(`interrupted (${signals.received})`, 130);
  if (status !== 0) failed('the compiler failed', 1);
  copyAssets(partial);
  if ((await storeHelp(partial)) !== 0) failed('storing the help texts failed', 1);
  if (signals.received) failed(`interrupted (${signals.received})`, 130);
  let bundler = null;
  try {
    // Loaded here: esbuild is a dev dependency, like the compiler checked for above.
    bundler = await import('./bundle.mjs');
  } catch (error) {
    // A checkout whose node_modules predate esbuild still builds, and runs unbundled (slower to start).
    if (error.code !== 'ERR_MODULE_NOT_FOUND' || !/'esbuild'/.test(error.message)) throw error;
    say('esbuild is not installed (run npm install): this build is not bundled, so it starts slower');
  }
  try {
    await bundler?.bundleBuild(partial);
  } catch (error) {
    failed(`bundling failed (${error.message})`, 1);
  }
  if (signals.received) failed(`interrupted (${signals.received})`, 130);
  writeFileSync(join(partial, MARKER), `${JSON.stringify({ id, inputs }, null, 2)}\n`);
  renameSync(partial, join(ROOT, `.dist-${id}`));
  pointDistAt(id, pack);
  prune(new Set([id, previous].filter(Boolean)));
  if (signals.received) process.exit(130);
}

await main();
