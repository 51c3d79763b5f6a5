import { render } from 'ink';
import { DEFAULT_PARAMS, NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, scenarioTasks } from '../src/engine/index.js';
import { App } from '../src/ui/app.js';
import { createProgram } from '../src/ui/program/program.js';
import { TerminalScreen } from '../src/ui/terminal/terminal-screen.js';
import { DASHBOARD_STRATEGIES, initialModel } from '../src/ui/state/model.js';
import { CountingTty, FakeTtyInput } from './fake-tty.js';
import { markdownTable, median, type BenchSection } from './report.js';

const FPS = 15;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const setupFor = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  return { input: { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] }, params: { ...DEFAULT_PARAMS, ...scenario.machine } };
};

function mount(columns: number, rows: number) {
  const stdout = new CountingTty(columns, rows);
  const stdin = new FakeTtyInput();
  const initial = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: [...DASHBOARD_STRATEGIES], speed: 1 });
  const screen = new TerminalScreen(stdout as unknown as NodeJS.WriteStream);
  const instance = render(
    <App program={createProgram({ setupFor, theme: { color: true, unicode: true } })} initial={initial} fps={FPS} screen={screen} onQuit={() => undefined} />,
    // Ink's types want real process streams; these stand-ins implement what Ink uses.
    // As in the real dashboard: frames go to the screen, which writes the changed cells to the terminal.
    { stdout: screen.inkStdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false },
  );
  return { stdout, stdin, instance };
}

/** Bytes and CPU over a window of playback, at the default settings. */
async function playbackCost(seconds: number) {
  const { stdout, instance } = mount(80, 24);
  await sleep(200);
  const bytes0 = stdout.bytes;
  const writes0 = stdout.writes;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await sleep(seconds * 1_000);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const result = {
    bytesPerSecond: ((stdout.bytes - bytes0) / wallMs) * 1_000,
    writesPerSecond: ((stdout.writes - writes0) / wallMs) * 1_000,
    cpuPercent: ((cpu.user + cpu.system) / 1_000 / wallMs) * 100,
  };
  instance.unmount();
  return result;
}

/**
 * Time from a key press to the first bytes of its frame on the terminal. Playback is paused first,
 * so the only writes are the keys' frames (which, diffed, hold just the changed cells).
 */
async function keyToFrame(samples: number): Promise<number[]> {
  const { stdout, stdin, instance } = mount(80, 24);
  await sleep(300);
  stdin.press(' ');
  await sleep(300);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const shown = new Promise<number>((resolve) => {
      stdout.onWrite = () => resolve(performance.now());
    });
    const pressed = performance.now();
    stdin.press(i % 2 === 0 ? '+' : '-');
    latencies.push((await shown) - pressed);
    stdout.onWrite = undefined;
    await sleep(100);
  }
  instance.unmount();
  return latencies;
}

/** A fixed 10 s session: a key every 500 ms (replay, slice, views, GIL, cores, scenarios, help). */
const SESSION_KEYS = ['0', '+', '\t', '\t', '\t', '\t', 'g', 'g', 'g', '-', 'c', 'C', '0', '5', '2', 'p', 'p', 'p', '?', '?'];

async function scriptedSessionCost() {
  const { stdout, stdin, instance } = mount(80, 24);
  await sleep(200);
  const bytes0 = stdout.bytes;
  const writes0 = stdout.writes;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (const key of SESSION_KEYS) {
    stdin.press(key);
    await sleep(500);
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  instance.unmount();
  return {
    bytesPerSecond: ((stdout.bytes - bytes0) / wallMs) * 1_000,
    writesPerSecond: ((stdout.writes - writes0) / wallMs) * 1_000,
    cpuPercent: ((cpu.user + cpu.system) / 1_000 / wallMs) * 100,
  };
}

export async function dashboardBench(): Promise<BenchSection> {
  const playing = await playbackCost(3.5); // the count scenario plays in 4 s at speed 1
  const session = await scriptedSessionCost();
  const idle = await (async () => {
    const { stdout, instance } = mount(80, 24);
    await sleep(4_500); // let playback finish
    const bytes0 = stdout.bytes;
    const cpu0 = process.cpuUsage();
    await sleep(2_000);
    const cpu = process.cpuUsage(cpu0);
    instance.unmount();
    return { bytesPerSecond: (stdout.bytes - bytes0) / 2, cpuPercent: ((cpu.user + cpu.system) / 1_000 / 2_000) * 100 };
  })();
  const latencies = await keyToFrame(21);
  return {
    title: 'Dashboard',
    lines: [
      `The dashboard on the count scenario at 80×24, default settings (${FPS} fps, colour, the four default strategies), drawn through the cell-diffing TerminalScreen into a byte-counting terminal (Ink handles input and lifecycle), in this process.`,
      '',
      ...markdownTable(
        ['phase', 'bytes/s written', 'writes/s', 'CPU of the UI process'],
        [
          [
            'playback (playhead moving)',
            `${(playing.bytesPerSecond / 1_024).toFixed(1)} KB/s`,
            playing.writesPerSecond.toFixed(1),
            `${playing.cpuPercent.toFixed(1)} %`,
          ],
          ['still picture (playback done)', `${(idle.bytesPerSecond / 1_024).toFixed(2)} KB/s`, '0', `${idle.cpuPercent.toFixed(1)} %`],
          [
            `a fixed 10 s session (${SESSION_KEYS.length} keys: replay, slice, views, GIL, cores, scenarios, policy, help)`,
            `${(session.bytesPerSecond / 1_024).toFixed(1)} KB/s`,
            session.writesPerSecond.toFixed(1),
            `${session.cpuPercent.toFixed(1)} %`,
          ],
        ],
      ),
      '',
      `Key-to-frame latency ('+'/'-' on the time slice: re-simulate 4 strategies, redraw): median ${median(latencies).toFixed(1)} ms, worst ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} presses.`,
      'Targets: ≤ 20 KB/s steady state, ≤ 10 % of a core.',
    ],
  };
}
