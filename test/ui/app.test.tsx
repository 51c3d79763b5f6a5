import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, scenarioTasks } from '../../src/engine/index.js';
import { App } from '../../src/ui/app.js';
import { createProgram } from '../../src/ui/program/program.js';
import { initialModel } from '../../src/ui/state/model.js';
import { FrameRecorder } from './frame-recorder.js';

const setupFor = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  return {
    input: { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] },
    params: { ...DEFAULT_PARAMS, ...scenario.machine },
  };
};

function renderApp(onQuit = vi.fn(), playheadUs = 0) {
  const start = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes'], speed: 1 });
  const initial = { ...start, playheadUs };
  const screen = new FrameRecorder();
  const app = render(
    <App
      program={createProgram({ setupFor, theme: { color: false, unicode: true } })}
      initial={initial}
      fps={15}
      size={{ columns: 80, rows: 24 }}
      screen={screen}
      onQuit={onQuit}
    />,
  );
  // Frames are read from the screen the app draws on (Ink itself renders nothing).
  return { ...app, lastFrame: screen.lastFrame, frames: screen.frames, onQuit };
}

/** One key per write, then give React a chance to flush (ink-testing-library 4 + React 19); assert with vi.waitFor, as a busy machine may flush later. */
async function press(stdin: { write: (data: string) => void }, key: string) {
  stdin.write(key);
  await new Promise((resolve) => setTimeout(resolve, 20));
}

const threadsRow = (frame: string) => frame.split('\n').find((line) => /^threads\s.*│/.test(line));

/** Waits (up to vitest's default) for the frame to show `text`: React may flush a key later on a loaded machine. */
async function frameShows(lastFrame: () => string | undefined, text: string) {
  await vi.waitFor(() => expect(lastFrame()).toContain(text));
}

describe('dashboard App', () => {
  it('shows the parameters, the Gantt, the legend, the table and the footer', () => {
    const { lastFrame, unmount } = renderApp();
    const frame = lastFrame()!;
    // At 100 columns the playhead's time takes the room of the switch cost, which no key changes.
    expect(frame).toContain('count │ 2 cores │ rr │ slice 4ms │ GIL new 5ms │ ▶ 1×');
    expect(frame).toMatch(/threads\s+count-1/);
    expect(frame).toContain('█ running  ░ ready  ▒ gil-wait  ─ io  ▚ spawn  │ done  ✗ failed');
    expect(frame).toMatch(/strategy\s+real\s+×real\s+[│|]\s+emulated/);
    expect(frame).toContain('q quit');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    unmount();
  });

  it('+ lengthens the time slice; - and ← shorten it', async () => {
    const { lastFrame, stdin, unmount } = renderApp();
    await press(stdin, '+');
    await frameShows(lastFrame, 'slice 5ms');
    await press(stdin, '-');
    await press(stdin, '\u001B[D');
    await frameShows(lastFrame, 'slice 2ms');
    unmount();
  });

  it('g turns the GIL off and the threads finish in half the time', async () => {
    const { lastFrame, stdin, unmount } = renderApp();
    await press(stdin, ' '); // pause: the table shows runs up to the playhead
    await press(stdin, 'g'); // new → old
    await press(stdin, 'g'); // old → none
    await frameShows(lastFrame, 'no GIL');
    await frameShows(lastFrame, 'No GIL: threads run in parallel on 2 cores');
    unmount();
  });

  it('[ and ] change the switch interval, which changes the GIL figures in the table (hand-offs a second, hold)', async () => {
    const { lastFrame, stdin, unmount } = renderApp(vi.fn(), Number.MAX_SAFE_INTEGER); // playback at its end
    const before = threadsRow(lastFrame()!);
    await press(stdin, ']');
    await frameShows(lastFrame, 'GIL new 10ms');
    const after = threadsRow(lastFrame()!);
    expect(before).toMatch(/ 50%\s+194\s+5\.15ms /);
    expect(after).not.toEqual(before);
    unmount();
  });

  it('c drops to one core; Tab switches to the per-core view', async () => {
    const { lastFrame, stdin, unmount } = renderApp();
    await press(stdin, 'c');
    await frameShows(lastFrame, '1 core │');
    await press(stdin, '\t');
    await press(stdin, '\t');
    await press(stdin, '\t');
    await frameShows(lastFrame, 'per-core');
    expect(lastFrame()).toMatch(/core 0/);
    expect(lastFrame()).not.toMatch(/core 1/);
    unmount();
  });

  it('? opens the help overlay and closes it again', async () => {
    const { lastFrame, stdin, unmount } = renderApp();
    await press(stdin, '?');
    await frameShows(lastFrame, 'blocked on the GIL');
    await frameShows(lastFrame, 'view: emu/real/both/core/tasks');
    await frameShows(lastFrame, 'quit (also Ctrl-C)');
    await press(stdin, '?');
    await vi.waitFor(() => expect(lastFrame()).not.toContain('blocked on the GIL'));
    unmount();
  });

  it('5 switches to the juggle scenario on one core', async () => {
    const { lastFrame, stdin, unmount } = renderApp();
    await press(stdin, '5');
    await frameShows(lastFrame, 'juggle │ 1 core');
    expect(lastFrame()).toMatch(/driving/);
    unmount();
  });

  it('q quits with exit code 0', async () => {
    const { stdin, onQuit } = renderApp();
    await press(stdin, 'q');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledWith(0));
  });
});

describe('start-up', () => {
  it('emulates the scenario once for the CLI’s first frame and the dashboard’s', () => {
    const counted = vi.fn(setupFor);
    const program = createProgram({ setupFor: counted, theme: { color: false, unicode: true } });
    const initial = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads'], speed: 1 });
    const first = program.view(initial, program.derive(initial), { columns: 80, rows: 24 });
    const screen = new FrameRecorder();
    const { unmount } = render(<App program={program} initial={initial} fps={15} size={{ columns: 80, rows: 24 }} screen={screen} onQuit={vi.fn()} />);
    expect(screen.lastFrame()).toBe(first.toLines().join('\n'));
    expect(counted).toHaveBeenCalledTimes(1);
    unmount();
  });
});

describe('keys typed faster than a frame (one chunk of input)', () => {
  it('++ lengthens the time slice twice (4 → 5 → 10 ms) and Tab Tab Tab reaches the per-core view', async () => {
    const { lastFrame, stdin, unmount } = renderApp();
    await press(stdin, '++');
    await frameShows(lastFrame, 'slice 10ms');
    await press(stdin, '\t\t\t');
    await frameShows(lastFrame, 'per-core');
    unmount();
  });

  it('cg drops a core and switches to the old GIL; qq quits once, with 0', async () => {
    const { lastFrame, stdin, onQuit } = renderApp();
    await press(stdin, 'cg');
    await frameShows(lastFrame, '1 core │');
    await frameShows(lastFrame, 'GIL old');
    await press(stdin, 'qq');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledWith(0));
    expect(onQuit).toHaveBeenCalledTimes(1);
  });
});

describe('Ctrl-C', () => {
  it('quits with 130 and does not fall through to c (one core fewer)', async () => {
    const { stdin, onQuit, frames } = renderApp();
    await press(stdin, '\u0003');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledWith(130));
    // Quitting unmounts, which may leave an empty last frame: look at every frame drawn.
    const drawn = frames.filter((frame) => frame.trim() !== '');
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((frame) => frame.includes('2 cores'))).toBe(true);
  });
});

describe('e (export)', () => {
  it('hands the trace on screen to the exporter and shows its answer until the next key', async () => {
    const exportTrace = vi.fn(() => 'wrote 42 spans of 3 runs to here.json');
    const initial = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes'], speed: 1 });
    const screen = new FrameRecorder();
    const { stdin, unmount } = render(
      <App
        program={createProgram({ setupFor, theme: { color: false, unicode: true } })}
        initial={initial}
        fps={15}
        size={{ columns: 80, rows: 24 }}
        exportTrace={exportTrace}
        screen={screen}
        onQuit={vi.fn()}
      />,
    );
    await press(stdin, 'e');
    await vi.waitFor(() => expect(exportTrace).toHaveBeenCalledTimes(1));
    expect((exportTrace.mock.calls[0] as unknown[])[0]).toMatchObject({
      workload: 'count',
      runs: [{ strategy: 'sequential' }, { strategy: 'threads' }, { strategy: 'processes' }],
    });
    await frameShows(screen.lastFrame, 'wrote 42 spans of 3 runs to here.json');
    await press(stdin, '+');
    await vi.waitFor(() => expect(screen.lastFrame()).not.toContain('wrote 42 spans'));
    unmount();
  });
});
