import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_PARAMS,
  NO_LAYERS,
  SCENARIOS,
  TUTORIAL_CALIBRATION,
  scenarioTasks,
  withSpeedups,
  type ParamLayers,
  type RealSession,
  type RealStrategy,
  type Run,
  type Trace,
} from '../../src/engine/index.js';
import { App } from '../../src/ui/app.js';
import { createProgram } from '../../src/ui/program/program.js';
import { initialModel } from '../../src/ui/state/model.js';
import { FrameRecorder } from './frame-recorder.js';

const setupFor = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  return { input: { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] }, params: { ...DEFAULT_PARAMS, ...scenario.machine } };
};

/** A real run as the engine would report it: two lanes that ran 400 ms and 800 ms. */
function realRun(strategy: RealStrategy, elapsedUs: number): Run {
  return {
    source: 'real',
    strategy,
    elapsedUs,
    cpuUtilization: 0.5,
    contextSwitches: 7,
    gilHandoffs: 0,
    speedupVsSequential: null,
    cores: 2,
    setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
    tasks: [],
    lanes: [
      { id: 0, name: 'count-1', group: 'pool', arrivalUs: 0 },
      { id: 1, name: 'count-2', group: 'pool', arrivalUs: 0 },
    ],
    spans: [
      { lane: 0, state: 'running', startUs: 0, endUs: elapsedUs / 2 },
      { lane: 0, state: 'done', startUs: elapsedUs / 2, endUs: elapsedUs / 2 },
      { lane: 1, state: 'running', startUs: 0, endUs: elapsedUs },
      { lane: 1, state: 'done', startUs: elapsedUs, endUs: elapsedUs },
    ],
    instants: [],
  };
}

function fakeSession(): RealSession & { finish: () => void; cancel: ReturnType<typeof vi.fn> } {
  let finish = () => {};
  const trace: Trace = { workload: 'count', runs: withSpeedups([realRun('sequential', 800_000), realRun('threads', 400_000)]), notes: [] };
  const done = new Promise<Trace>((resolve) => (finish = () => resolve(trace)));
  return { snapshot: () => ({ ...trace, runs: trace.runs.slice(0, 1) }), done, cancel: vi.fn(async () => {}), finish: () => finish() };
}

async function press(stdin: { write: (data: string) => void }, key: string) {
  stdin.write(key);
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/** As started with `--gil none`: the fake session's runs are what the dashboard asks for. */
const NO_GIL: ParamLayers = { ...NO_LAYERS, flags: { gil: 'none' } };

function renderWith(startRealRuns?: (scenario: string) => RealSession, paused = false, layers = NO_LAYERS) {
  const initial = { ...initialModel({ scenario: 'count', layers, strategies: ['sequential', 'threads'], speed: 1 }), paused };
  const screen = new FrameRecorder();
  const app = render(
    <App
      program={createProgram({ setupFor, theme: { color: false, unicode: true } })}
      initial={initial}
      fps={30}
      size={{ columns: 80, rows: 24 }}
      startRealRuns={startRealRuns}
      screen={screen}
      onQuit={vi.fn()}
    />,
  );
  return { ...app, lastFrame: screen.lastFrame };
}

describe('real runs in the dashboard', () => {
  it('r starts the real runs of the scenario; bars and the real column fill in as they arrive', async () => {
    const session = fakeSession();
    const start = vi.fn(() => session);
    const { lastFrame, stdin, unmount } = renderWith(start, false, NO_GIL);
    await press(stdin, '\t'); // the real view
    await vi.waitFor(() => expect(lastFrame()).toContain('No real run yet: press r'));
    await press(stdin, 'r');
    await vi.waitFor(() => expect(start).toHaveBeenCalledWith('count', expect.objectContaining({ cores: 2 }), 'node', 1));
    // While running: the snapshot (sequential only) is drawn.
    await vi.waitFor(() => expect(lastFrame()).toMatch(/sequential\s+count-1/));
    expect(lastFrame()).not.toMatch(/threads\s+count-1/);
    session.finish();
    await vi.waitFor(() => expect(lastFrame()).toMatch(/threads\s+count-1/));
    // The table pairs real threads with emulated threads, its twin: 800 ms / 400 ms = 2.00× faster.
    expect(lastFrame()).toMatch(/threads\s+\*400\.0ms\s+2\.00\s+│/);
    // The caption quotes the table's 2.00, as a speed-up, beside the emulated twin's (no GIL either: 2.00×, alike).
    expect(lastFrame()).toMatch(/Real: Node's threads have no GIL and ran in parallel: \S+ 2\.00× sequential,\s+as in CPython \(emulated 2\.00×\)\./);
    expect(lastFrame()).toMatch(/sequential\s+800\.0ms/);
    unmount();
  });

  it('a run in progress shows how far it got, with no speed-up and no mark, until it ends', async () => {
    const session = fakeSession();
    const live: Trace = {
      workload: 'count',
      runs: withSpeedups([realRun('sequential', 800_000), { ...realRun('threads', 300_000), inProgress: true }]),
      notes: [],
    };
    const { lastFrame, stdin, unmount } = renderWith(() => ({ ...session, snapshot: () => live }), false, NO_GIL);
    await press(stdin, '\t'); // the real view
    await press(stdin, 'r');
    await vi.waitFor(() => expect(lastFrame()).toMatch(/threads\s+300\.0ms…\s+-\s+│/));
    expect(lastFrame()).toMatch(/^sequential\s+800\.0ms\s+1\.00\s+│/m);
    session.finish();
    await vi.waitFor(() => expect(lastFrame()).toMatch(/threads\s+\*400\.0ms\s+2\.00\s+│/));
    unmount();
  });

  it('after g, real runs made without a GIL are stale: tagged, never marked, and r runs them again', async () => {
    const start = vi.fn(() => fakeSession());
    const { lastFrame, stdin, unmount } = renderWith(start, false, NO_GIL);
    await press(stdin, '\t'); // the real view
    await press(stdin, 'r');
    start.mock.results[0]!.value.finish();
    await vi.waitFor(() => expect(lastFrame()).toMatch(/threads\s+\*400\.0ms\s+2\.00\s+│/));
    await press(stdin, 'g'); // none → pypy
    await press(stdin, 'g'); // pypy → new
    await vi.waitFor(() => expect(lastFrame()).toContain('stale: GIL none→new (r re-runs)'));
    expect(lastFrame()).toMatch(/threads\s+400\.0ms\s+stale\s+│/);
    expect(lastFrame()).toContain('Real: made under other settings (GIL none→new); r runs them again.');
    // The sequential run takes no lock: the GIL does not shape it, so it is still a result.
    expect(lastFrame()).toMatch(/^sequential\s+\*800\.0ms\s+1\.00\s+│/m);
    await press(stdin, 'r');
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(2));
    expect(start.mock.lastCall).toEqual(expect.arrayContaining(['count', expect.objectContaining({ gil: 'new' }), 'node']));
    unmount();
  });

  it('side by side puts each strategy’s real run right below its emulated one, on one axis; a gives each its own', async () => {
    const session = fakeSession();
    // Paused from the start: the playhead stays on the axis's first cell, however slow the machine.
    const { lastFrame, stdin, unmount } = renderWith(() => session, true);
    await press(stdin, 'r');
    session.finish();
    await press(stdin, '\t');
    await press(stdin, '\t');
    await vi.waitFor(() => expect(lastFrame()).toContain('real, here'));
    const rows = lastFrame()!.split('\n');
    const at = (pattern: RegExp) => rows.findIndex((row) => pattern.test(row));
    // threads (emulated), its axis, then threads (real, its twin) and its axis: the same ticks (CPython's seconds).
    const emulated = at(/^threads\s+count-1/);
    const real = rows.findIndex((row, i) => i > emulated && /^threads\s+count-1/.test(row));
    expect(emulated).toBeGreaterThanOrEqual(0);
    expect(real).toBeGreaterThan(emulated);
    const emulatedAxis = rows[real - 1]!;
    const realAxis = rows[real + 2]!;
    // The label column ends with the playhead's time (the real runs are drawn whole: none there).
    expect(emulatedAxis).toMatch(/^\s+emulated\s+▲0\.0s ▲─+/);
    expect(realAxis).toMatch(/^\s+real, here\s+0─+.*\ds/);
    const ticks = (axis: string) => axis.replace(/^\s+(emulated|real, here)(\s+▲\S+)?\s+./, '');
    expect(ticks(realAxis)).toBe(ticks(emulatedAxis));
    await press(stdin, 'a');
    await vi.waitFor(() => expect(lastFrame()).toMatch(/real, here\s+0─+.*ms/));
    unmount();
  });

  it('switching scenario cancels the real runs in progress', async () => {
    const session = fakeSession();
    const { stdin, unmount } = renderWith(() => session);
    await press(stdin, 'r');
    await press(stdin, '3');
    await vi.waitFor(() => expect(session.cancel).toHaveBeenCalled());
    unmount();
  });

  it('the key of the scenario already shown keeps its real runs going', async () => {
    const session = fakeSession();
    const { lastFrame, stdin, unmount } = renderWith(() => session);
    await press(stdin, '\t'); // the real view
    await press(stdin, 'r');
    await press(stdin, '2'); // count, the scenario shown
    expect(session.cancel).not.toHaveBeenCalled();
    session.finish();
    await vi.waitFor(() => expect(lastFrame()).toMatch(/threads\s+count-1/));
    unmount();
  });

  it('keys in one chunk act in order: 5r starts the real runs of juggle, with its one core', async () => {
    const start = vi.fn(() => fakeSession());
    const { stdin, unmount } = renderWith(start);
    await press(stdin, '5r');
    await vi.waitFor(() => expect(start).toHaveBeenCalledWith('juggle', expect.objectContaining({ cores: 1 }), 'node', 1));
    expect(start).toHaveBeenCalledTimes(1);
    unmount();
  });

  it('without a real engine, r says so instead of failing silently', async () => {
    const { lastFrame, stdin, unmount } = renderWith(undefined);
    await press(stdin, '\t');
    await press(stdin, 'r');
    await vi.waitFor(() => expect(lastFrame()).toContain('Real run: real runs are not available here'));
    unmount();
  });
});
