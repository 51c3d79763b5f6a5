import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePane, until, type Pane, type PaneProgram, type PaneWindow } from './pane-probe.js';
import { beforeBuild, markdownTable, median, type BenchSection } from './report.js';
import { TmuxServer, hasTmux } from './tmux-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FLOOR = fileURLToPath(new URL('./frame-floor.js', import.meta.url));
const ROUNDS = 5;
/** The count scenario plays in 4 s at speed 1: a window lies inside one playback. */
const WINDOW_MS = 3_000;
/** A count picture is on screen: the lanes of the first strategy are drawn. */
const PICTURE = /^sequential\s+count-1\s/m;
/** The help overlay (key `?`) is open. */
const HELP = /^\s*States\s*$/m;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Key `0`: playback from the start; the window starts a quarter second in. */
async function replay(pane: Pane): Promise<void> {
  pane.keys('0');
  await sleep(250);
}

/** Plays count `earlier` times to its end (it plays in 4 s), then starts the next playback. */
async function replayAfter(pane: Pane, earlier: number): Promise<void> {
  for (let i = 0; i < earlier; i++) {
    await replay(pane);
    await sleep(4_500);
  }
  await replay(pane);
}

/**
 * The dashboard of a build, playing count from the start (key `0`) once it handles keys: its
 * first picture may come before the code that handles keys is loaded (start-up, measured by
 * the start-up bench), so `?` opens and closes the help first and the windows hold playback
 * only. Three windows: the first playback after that (the JIT still compiling the frame's code),
 * the third (V8 still compiling, and its memory reducer collecting what start-up left, about
 * 8 s after the start's collection) and the sixth (about 25 s in: a session that goes on).
 */
function dashboard(label: string, bin: string): PaneProgram {
  return {
    label,
    command: `${process.execPath} ${bin}`,
    async ready(pane) {
      await until(() => PICTURE.test(pane.screen()), `the ${label} dashboard's count picture`);
      pane.keys('?');
      await until(() => HELP.test(pane.screen()), `the ${label} dashboard's help`);
      pane.keys('?');
      await until(() => PICTURE.test(pane.screen()), `the ${label} dashboard's count picture after the help`);
    },
    windows: [
      { label: '1st playback', ms: WINDOW_MS, start: replay },
      { label: '3rd playback', ms: WINDOW_MS, start: (pane) => replayAfter(pane, 1) },
      { label: '6th playback', ms: WINDOW_MS, start: (pane) => replayAfter(pane, 2) },
    ],
  };
}

/** Node waking 15 times a second to write about a frame's bytes (bench/frame-floor.ts): the floor under any Node TUI's frame here. */
const FLOOR_PROGRAM: PaneProgram = {
  label: 'Node, a timer and a write a frame',
  command: `${process.execPath} ${FLOOR}`,
  ready: () => sleep(1_000),
  windows: [{ label: 'from 1 s', ms: WINDOW_MS, start: async () => {} }],
};

/** htop refreshing 10 times a second (`-d` is in tenths): from its first second, and about as late as the dashboard's 3rd playback. */
const HTOP: PaneProgram = {
  label: 'htop -d 1',
  command: 'htop -d 1',
  ready: () => sleep(1_000),
  windows: [
    { label: 'from 1 s', ms: WINDOW_MS, start: async () => {} },
    { label: 'from 9 s', ms: WINDOW_MS, start: () => sleep(5_000) },
  ],
};

/** Debian's htop, installed here if missing (the bench may run as root); null when it is there. */
function htopMissing(): string | null {
  const has = () => spawnSync('htop', ['--version'], { stdio: 'ignore' }).status === 0;
  if (has()) return null;
  process.stderr.write('bench: installing htop for the frames comparison…\n');
  spawnSync('apt-get', ['install', '-y', '-q', 'htop'], { stdio: 'ignore' });
  return has() ? null : '`htop` is not installed and `apt-get install htop` failed';
}

/** The programs of a round: CONCUR_BENCH_BEFORE=DIR (a built checkout of another commit) adds its dashboard, measured alike. */
function programs(withHtop: boolean): PaneProgram[] {
  const before = beforeBuild('bin/concur-tui');
  const list: PaneProgram[] = [];
  if (before) list.push(dashboard(`dashboard, ${before.label}`, join(before.dir, 'bin', 'concur-tui')));
  list.push(dashboard('dashboard, this commit', join(ROOT, 'bin', 'concur-tui')));
  list.push(FLOOR_PROGRAM);
  if (withHtop) list.push(HTOP);
  return list;
}

/** Median (min–max). */
const range = (values: readonly number[], digits: number) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

function row(label: string, runs: readonly PaneWindow[]): string[] {
  const perSecond = (pick: (run: PaneWindow) => number) => runs.map((run) => (pick(run) / run.wallMs) * 1_000);
  return [
    label,
    range(
      perSecond((run) => run.frames),
      1,
    ),
    `${range(
      runs.map((run) => run.cpuMs / Math.max(1, run.frames)),
      2,
    )} ms`,
    `${range(
      runs.map((run) => (run.cpuMs / run.wallMs) * 100),
      1,
    )} %`,
    `${range(
      runs.map((run) => run.childCpuMs),
      1,
    )} ms`,
    `${range(
      perSecond((run) => run.bytes / 1_024),
      2,
    )} KB/s`,
    `${range(
      perSecond((run) => run.boundBytes / 1_024),
      2,
    )} KB/s`,
    `${range(
      runs.map((run) => run.bytes / Math.max(1, run.boundBytes)),
      2,
    )}×`,
  ];
}

/**
 * Frames: the dashboard playing count at 80×24 and htop -d 1, each in a fresh 80×24 pane of
 * one tmux server, interleaved round by round (A B A B): CPU of each program's process tree
 * per second and per frame, bytes per second, and the changed-cell bound of what each wrote
 * (its stream replayed in @xterm/headless, only the cells that changed priced per frame).
 */
export async function framesBench(): Promise<BenchSection> {
  const title = 'Frames against htop';
  if (!hasTmux()) return { title, lines: ['No tmux here: frames were not measured.'] };
  const missing = htopMissing();
  const loadBefore = loadavg()[0]!;
  const server = new TmuxServer('concur-bench-frames');
  const windows = new Map<string, PaneWindow[]>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const program of programs(missing === null)) {
        for (const window of await measurePane(server, program)) windows.set(window.label, [...(windows.get(window.label) ?? []), window]);
      }
    }
  } finally {
    server.stop();
  }
  const loadAfter = loadavg()[0]!;
  const busy = loadAfter > 1.5 || loadBefore > 1.5 ? ': ⚠ the machine was busy, CPU figures are inflated' : '';
  return {
    title,
    lines: [
      `Each program in a fresh 80×24 pane of one tmux server (TERM=screen-256color), ${ROUNDS} interleaved rounds, ${WINDOW_MS / 1000} s windows: the dashboard`,
      'playing count from its start (key 0, default settings: 15 fps, colour, the four default strategies) once it handles keys, its 1st, 3rd and 6th playback;',
      'Node doing only a timer and a ~210-byte write 15 times a second (`bench/frame-floor.ts`: what waking and writing cost a frame here, before any drawing);',
      '`htop -d 1` (10 refreshes a second) from its first second and from its ninth.',
      "CPU is every thread of the program's process tree (schedstat; child processes: the dashboard's emulation process, per window); bytes are what the pane received (tmux pipe-pane). The bound replays that stream in",
      '@xterm/headless and prices, frame by frame, only the cells that changed (character, the SGR that changes, the shortest cursor move): `bench/wire-bound.ts`.',
      `Medians (min–max). Load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end${busy}.`,
      ...(missing === null ? [] : ['', `htop was not measured: ${missing}.`]),
      '',
      ...markdownTable(
        ['program, window', 'frames/s', 'CPU per frame', 'CPU of a core', 'of it, child processes', 'bytes/s', 'changed-cell bound', 'wire ÷ bound'],
        [...windows].map(([label, runs]) => row(label, runs)),
      ),
      '',
      'Targets (issue 15): the dashboard ≤ 1 ms CPU per frame and ≤ 3 % of a core at 15 fps; wire ≤ 1.25× the bound.',
    ],
  };
}
