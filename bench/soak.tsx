import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { render } from 'ink';
import { realRunsFor, setupFor } from '../src/cli/dashboard-setup.js';
import { NO_LAYERS } from '../src/engine/index.js';
import { App } from '../src/ui/app.js';
import { createProgram } from '../src/ui/program/program.js';
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
  const startRealRuns: typeof real.start = (scenario, params, runtime, repeat) => {
    realRuns++;
    return real.start(scenario, params, runtime, repeat);
  };
  const screen = new TerminalScreen(stdout as unknown as NodeJS.WriteStream);
  const initial = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies, speed: 1 });
  const instance = render(
    <App
      program={createProgram({ setupFor: setupFor(flags), theme: { color: true, unicode: true } })}
      initial={initial}
      fps={15}
      startRealRuns={startRealRuns}
      screen={screen}
      onQuit={() => undefined}
    />,
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

/** `soak-cli.js SECONDS` in its own process, as the binary runs (production React, 32 MB young generation). */
function soakInChild(seconds: number, withRealRuns: boolean): Promise<SoakSample[]> {
  const cli = fileURLToPath(new URL('./soak-cli.js', import.meta.url));
  const env = { ...process.env, NODE_ENV: 'production', CONCUR_SOAK_REAL: withRealRuns ? '1' : '0' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--max-semi-space-size=32', cli, String(seconds)], { env, maxBuffer: 2 ** 20 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as SoakSample[]),
    );
  });
}

const minutesOrSeconds = (seconds: number) => (seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`);

/**
 * Memory over a long session (CONCUR_SOAK_SECONDS, default 120): two dashboards side by side in
 * their own processes, one replaying the emulated scenario only and one also starting real runs,
 * so a leak shows in which path it is. The hour (3600) gets its own section, kept by shorter runs.
 */
export async function soakBench(): Promise<BenchSection> {
  const seconds = Number(process.env.CONCUR_SOAK_SECONDS ?? 120);
  const [replays, withReal] = await Promise.all([soakInChild(seconds, false), soakInChild(seconds, true)]);
  return soakSection(seconds, replays, withReal, new Date(), currentCommit());
}

/** The commit measured (the hour is rarely rerun, so its section says which code it measured). */
function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The report section for two soaks of `seconds` (samples at the same marks). */
function soakSection(seconds: number, replays: SoakSample[], withReal: SoakSample[], measured: Date, commit: string): BenchSection {
  const hour = seconds >= 3_600;
  const heap = (samples: SoakSample[]) => samples.at(-1)!.heapMb - samples[1]!.heapMb;
  return {
    title: hour ? 'Long session, one hour (memory)' : 'Long session (memory)',
    lines: [
      `Measured ${measured.toISOString().slice(0, 10)} at commit ${commit}: the dashboard (80×24, 15 fps, React's production build) for ${minutesOrSeconds(seconds)}, twice at once in separate processes: count replaying (key 0 after every playback) alone, and the same with real runs of the four strategies every 15 s (key r, at 1/20 of CPython's time). Heap used after a full GC. ${hour ? 'Shorter runs (`npm run bench -- soak`) keep this section.' : '`CONCUR_SOAK_SECONDS=3600 npm run bench -- soak` runs the hour; `npm test` runs 16 s and fails if the heap grows by 8 MB.'}`,
      '',
      ...markdownTable(
        ['at', 'RSS, replays only', 'heap, replays only', 'RSS, with real runs', 'heap, with real runs', 'real runs started'],
        replays.map((sample, i) => {
          const real = withReal[i]!;
          return [
            minutesOrSeconds(sample.atSeconds),
            `${sample.rssMb.toFixed(0)} MB`,
            `${sample.heapMb.toFixed(2)} MB`,
            `${real.rssMb.toFixed(0)} MB`,
            `${real.heapMb.toFixed(2)} MB`,
            String(real.realRuns),
          ];
        }),
      ),
      '',
      `Heap growth from the first sixth to the end: ${heap(replays).toFixed(2)} MB replaying only, ${heap(withReal).toFixed(2)} MB with real runs.`,
    ],
  };
}
