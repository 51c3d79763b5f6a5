import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TmuxServer } from './tmux-server.js';

/** A concur-tui to start: this checkout's, or another's (the figures before a change, side by side). */
export interface Build {
  label: string;
  bin: string;
}

/** The environment of a start: as this process has it, or without NODE_EXTRA_CA_CERTS (which makes every Node start read a CA file). */
export type CaCerts = 'with' | 'without';

export function startEnv(certs: CaCerts, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (certs === 'without') delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Wall time of one process from spawn to exit, in ms (output discarded). */
export function wallMs(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  // From the checkout's root: YARGS_FLOOR imports yargs by its bare name.
  const result = spawnSync(process.execPath, args, { stdio: 'ignore', env, cwd: ROOT });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status ?? result.signal}`);
  return performance.now() - started;
}

/** What any yargs command line costs here: yargs loaded and a one-flag help printed (its cliui measures text with Intl.Segmenter). */
export const YARGS_FLOOR = [
  '--input-type=module',
  '-e',
  "import yargs from 'yargs'; await yargs(['--help']).option('a', { type: 'string' }).exitProcess(false).parseAsync();",
];

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The JavaScript a start reads: files (this project's, and all) and their bytes. */
export interface JavascriptRead {
  files: number;
  projectFiles: number;
  bytes: number;
}

/**
 * The JavaScript files a command line opens, found by strace (every successful open of a `.js`,
 * `.cjs` or `.mjs` file by any thread): ES modules, CommonJS files and bundles alike, so builds
 * that load hundreds of modules and builds that read one bundle compare on one measure.
 */
export function javascriptRead(build: Build, args: readonly string[]): JavascriptRead {
  const dir = mkdtempSync(join(tmpdir(), 'concur-opens-'));
  const log = join(dir, 'opens.txt');
  try {
    const env = startEnv('without', { CI: '1' });
    const command = ['-f', '-qq', '-e', 'trace=openat', '-e', 'status=successful', '-o', log, process.execPath, build.bin, ...args];
    const result = spawnSync('strace', command, { stdio: 'ignore', env });
    if (result.status !== 0) throw new Error(`strace ${command.join(' ')} exited ${result.status ?? result.signal}`);
    const opened = new Set<string>();
    for (const match of readFileSync(log, 'utf8').matchAll(/openat\([^,]+, "([^"]+\.[cm]?js)"/g)) opened.add(match[1]!);
    const files = [...opened];
    return {
      files: files.length,
      projectFiles: files.filter((file) => !file.includes('/node_modules/')).length,
      bytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A count picture is on screen: the lanes of the first strategy are drawn. */
const PICTURE = /^sequential\s+count-1\s/m;
/**
 * The whole count picture: every default strategy's lanes drawn, and no run still to come (the
 * first picture fills in run by run, its caption naming those `not drawn yet`).
 */
const WHOLE = [/^sequential\s+count-1\s/m, /^threads\s+count-1\s/m, /^processes\s+count-1\s/m, /^async\s+count-1\s/m];
const wholePicture = (screen: string) => WHOLE.every((row) => row.test(screen)) && !screen.includes('not drawn yet');
/** The help overlay (key `?`) is open. */
const HELP = /^\s*States\s*$[\s\S]*^\s*Keys\s*$/m;

/** What to wait for after starting the dashboard: its first count picture, the whole one, or the answer to the first key. */
export type DashboardProbe = 'picture' | 'whole' | 'key';

/** Sleeps `ms` without spinning (the probe must not take a core from the dashboard it times). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** How often the probe looks at the pane's output file: a stat, nearly free. */
const POLL_MS = 2;

/**
 * Milliseconds from starting the dashboard (count) in a fresh 80×24 tmux pane until the count
 * picture is drawn (`picture`: its first run; `whole`: every run), or until `?`, pressed as soon as anything is on screen (a user
 * who types at once), has opened the help (`key`). Separate starts: help covers the picture.
 * `cacheHome`: the XDG_CACHE_HOME of this start (its code cache), else the server's.
 *
 * The probe itself stays off the cores: the pane's output is piped to a file (tmux pipe-pane,
 * attached before the dashboard starts: the pane waits on a tmux channel), and the screen is
 * read (capture-pane, a process) only when the file has grown, not in a loop that would take one
 * of the two cores the dashboard and its emulation process start on.
 */
export function dashboardStartMs(server: TmuxServer, build: Build, certs: CaCerts, probe: DashboardProbe, cacheHome?: string, timeoutMs = 60_000): number {
  const session = `startup-${Math.random().toString(36).slice(2, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'concur-probe-'));
  const output = join(dir, 'pane.out');
  const unset = certs === 'without' ? '-u NODE_EXTRA_CA_CERTS ' : '';
  const cache = cacheHome === undefined ? '' : `XDG_CACHE_HOME=${cacheHome} `;
  const tmux = (...args: string[]) => server.run(...args);
  try {
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '80',
      '-y',
      '24',
      `tmux -L ${server.name} wait-for ${session}; exec env -u CI ${unset}${cache}${process.execPath} ${build.bin}`,
    );
    tmux('pipe-pane', '-t', session, `cat >> ${output}`);
    const started = performance.now();
    tmux('wait-for', '-S', session);
    let pressed = false;
    let seen = 0;
    while (performance.now() - started < timeoutMs) {
      const size = existsSync(output) ? statSync(output).size : 0;
      if (size === seen) {
        pause(POLL_MS);
        continue;
      }
      seen = size;
      const now = performance.now() - started;
      const screen = tmux('capture-pane', '-p', '-t', session);
      if (probe === 'picture' && PICTURE.test(screen)) return now;
      if (probe === 'whole' && wholePicture(screen)) return now;
      if (probe === 'key' && HELP.test(screen)) return now;
      if (probe === 'key' && !pressed && screen.trim() !== '') {
        tmux('send-keys', '-t', session, '?');
        pressed = true;
      }
    }
    throw new Error(
      `the dashboard showed no ${probe === 'key' ? 'help after ?' : `${probe} count picture`} within ${timeoutMs / 1000} s; the screen was:\n${tmux('capture-pane', '-p', '-t', session)}`,
    );
  } finally {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // the dashboard already ended its session
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether valgrind is installed (its cachegrind counts a process's instructions). */
export const hasValgrind = () => spawnSync('valgrind', ['--version']).status === 0;
export const hasStrace = () => spawnSync('strace', ['-V']).status === 0;

/**
 * Instructions one start executes, every thread of it (valgrind's cachegrind, `I refs`): a count
 * no load on the machine moves, unlike a wall or CPU time (JIT code needs --smc-check). Output
 * discarded; throws if the command fails.
 */
export function instructions(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const valgrind = ['--tool=cachegrind', '--cache-sim=no', '--smc-check=all-non-file', '--cachegrind-out-file=/dev/null'];
  const result = spawnSync('valgrind', [...valgrind, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env, cwd: ROOT });
  if (result.status !== 0) throw new Error(`valgrind node ${args.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr.slice(-400)}`);
  const refs = /I\s+refs:\s+([\d,]+)/.exec(result.stderr)?.[1];
  if (refs === undefined) throw new Error(`valgrind printed no instruction count: ${result.stderr.slice(-400)}`);
  return Number(refs.replaceAll(',', ''));
}
