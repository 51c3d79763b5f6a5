import { render } from 'ink';
import { realRunsFor, setupFor } from '../src/cli/dashboard-setup.js';
import { DEFAULT_PARAMS } from '../src/engine/index.js';
import { App } from '../src/ui/app.js';
import { DASHBOARD_STRATEGIES, PLAYBACK_SECONDS, initialModel } from '../src/ui/state/model.js';
import { TerminalScreen } from '../src/ui/terminal/terminal-screen.js';
import { CountingTty, FakeTtyInput } from './fake-tty.js';
import { markdownTable, type BenchSection } from './report.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 2 ** 20;

export interface SoakSample {
  atSeconds: number;
  rssMb: number;
  heapMb: number;
  realRuns: number;
}

/** Heap in use after a full collection when `--expose-gc` is on (else as it is). */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / MB;
}

/**
 * The dashboard for `seconds`, the way a demo left running would use it: the emulated count
 * scenario replaying again and again (key 0) and a real run of every strategy every 15 s
 * (key r, at 1/20 of CPython's time). Samples memory at the start and at every sixth of the time.
 */
export async function soak(seconds: number): Promise<SoakSample[]> {
  const stdout = new CountingTty(80, 24);
  const stdin = new FakeTtyInput();
  const flags = { scale: '0.05' };
  const strategies = [...DASHBOARD_STRATEGIES];
  const real = realRunsFor(flags, strategies);
  let realRuns = 0;
  const startRealRuns: typeof real.start = (scenario, params) => {
    realRuns++;
    return real.start(scenario, params);
  };
  const screen = new TerminalScreen(stdout as unknown as NodeJS.WriteStream);
  const initial = initialModel({ scenario: 'count', params: DEFAULT_PARAMS, interpreter: null, strategies, speed: 1 });
  const instance = render(
    <App initial={initial} setupFor={setupFor(flags)} theme={{ color: true, unicode: true }} fps={15} startRealRuns={startRealRuns} screen={screen} onQuit={() => undefined} />,
    { stdout: screen.inkStdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false },
  );
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1_000;
  const samples: SoakSample[] = [];
  const sample = () => samples.push({ atSeconds: Math.round(elapsed()), rssMb: process.memoryUsage().rss / MB, heapMb: heapMb(), realRuns });
  // CONCUR_SOAK_REAL=0 leaves the real runs out, to tell the UI's share from the engine's.
  const withRealRuns = process.env.CONCUR_SOAK_REAL !== '0';
  const marks = [2, ...Array.from({ length: 6 }, (_, i) => ((i + 1) * seconds) / 6)];
  let nextReplay = PLAYBACK_SECONDS + 0.5;
  let nextReal = 1;
  while (elapsed() < seconds) {
    await sleep(100);
    if (elapsed() >= nextReplay) {
      stdin.press('0');
      nextReplay += PLAYBACK_SECONDS + 0.5;
    }
    if (withRealRuns && elapsed() >= nextReal) {
      stdin.press('r');
      nextReal += 15;
    }
    if (samples.length < marks.length && elapsed() >= marks[samples.length]!) sample();
  }
  if (samples.length < marks.length) sample();
  instance.unmount();
  await real.stopAll();
  return samples;
}

/** Memory over a long session (CONCUR_SOAK_SECONDS, default 120; 3600 for the hour). */
export async function soakBench(): Promise<BenchSection> {
  const seconds = Number(process.env.CONCUR_SOAK_SECONDS ?? 120);
  const samples = await soak(seconds);
  return {
    title: 'Long session (memory)',
    lines: [
      `The dashboard for ${seconds} s in this process: count replaying (key 0) and real runs of the four strategies every 15 s (key r). Heap after a full GC. \`CONCUR_SOAK_SECONDS=3600 npm run bench -- soak\` runs the hour.`,
      '',
      ...markdownTable(
        ['at', 'RSS', 'heap used', 'real runs started'],
        samples.map((s) => [`${s.atSeconds} s`, `${s.rssMb.toFixed(0)} MB`, `${s.heapMb.toFixed(1)} MB`, String(s.realRuns)]),
      ),
    ],
  };
}
