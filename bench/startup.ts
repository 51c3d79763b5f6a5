import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { markdownTable, median, type BenchSection } from './report.js';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const RUNS = 7;

function wallMs(args: string[]): number {
  const started = performance.now();
  spawnSync(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, CI: '1' } });
  return performance.now() - started;
}

/** From starting the dashboard in a real pseudo-terminal (tmux) to the table on screen. */
function firstFrameMs(): number | null {
  const session = `concur-bench-${process.pid}`;
  try {
    const started = performance.now();
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${process.execPath} ${BIN}`]);
    while (performance.now() - started < 10_000) {
      const screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
      if (/strategy\s+real\s+emulated/.test(screen)) return performance.now() - started;
    }
    return null;
  } catch {
    return null; // no tmux here
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' });
  }
}

/** Start-up: --help, a headless emulation, and the dashboard's first frame. */
export async function startupBench(): Promise<BenchSection> {
  const help = Array.from({ length: RUNS }, () => wallMs(['--help']));
  const emulate = Array.from({ length: RUNS }, () => wallMs(['emulate', '--scenario', 'count']));
  const frames = Array.from({ length: 5 }, firstFrameMs).filter((ms): ms is number => ms !== null);
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
