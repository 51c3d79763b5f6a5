import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { markdownTable, median, type BenchSection } from './report.js';
import { TmuxServer, hasTmux } from './tmux-server.js';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const RUNS = 7;

function wallMs(args: string[]): number {
  const started = performance.now();
  spawnSync(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, CI: '1' } });
  return performance.now() - started;
}

/** From starting the dashboard in a real pseudo-terminal (tmux) to the table on screen. */
function firstFrameMs(server: TmuxServer): number {
  const tmux = (...args: string[]) => server.run(...args);
  const session = `first-frame-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const started = performance.now();
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${process.execPath} ${BIN}`);
    while (performance.now() - started < 10_000) {
      if (/strategy\s+real\s+×real\s+│\s+emulated/.test(tmux('capture-pane', '-p', '-t', session))) return performance.now() - started;
    }
    throw new Error(`the dashboard's table did not appear within 10 s; the screen was:\n${tmux('capture-pane', '-p', '-t', session)}`);
  } finally {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // the dashboard already ended its session
    }
  }
}

function firstFrames(runs: number): number[] {
  if (!hasTmux()) return [];
  const server = new TmuxServer('concur-bench');
  try {
    return Array.from({ length: runs }, () => firstFrameMs(server));
  } finally {
    server.stop();
  }
}

/** Start-up: --help, a headless emulation, and the dashboard's first frame. */
export async function startupBench(): Promise<BenchSection> {
  const help = Array.from({ length: RUNS }, () => wallMs(['--help']));
  const emulate = Array.from({ length: RUNS }, () => wallMs(['emulate', '--scenario', 'count']));
  const frames = firstFrames(5);
  const rows = [
    ['concur-tui --help', `${median(help).toFixed(0)} ms`],
    ['concur-tui emulate --scenario count (all six strategies)', `${median(emulate).toFixed(0)} ms`],
    ['concur-tui → first frame in an 80×24 tmux pane', frames.length > 0 ? `${median(frames).toFixed(0)} ms` : 'no tmux'],
  ];
  return {
    title: 'Start-up',
    lines: [
      `Wall time from starting the process, medians of ${RUNS} (${frames.length} for the first frame, polled every few ms).`,
      '',
      ...markdownTable(['what', 'median'], rows),
      process.env.NODE_EXTRA_CA_CERTS ? '\nNODE_EXTRA_CA_CERTS is set here: every Node start pays ~35 ms more.' : '',
    ],
  };
}
