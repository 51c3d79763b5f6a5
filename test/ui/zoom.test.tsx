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

/** The dashboard on `count` at 80×24 without colour (each state its glyph), paused with the playhead at `playheadUs`. */
function renderCount(playheadUs: number) {
  const start = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 });
  const screen = new FrameRecorder();
  const app = render(
    <App
      program={createProgram({ setupFor, theme: { color: false, unicode: true } })}
      initial={{ ...start, playheadUs, paused: true }}
      fps={15}
      size={{ columns: 80, rows: 24 }}
      screen={screen}
      onQuit={() => {}}
    />,
  );
  return { ...app, lastFrame: () => screen.lastFrame() ?? '' };
}

/** One key per write (ink-testing-library 4 + React 19), then a chance to flush. */
async function press(stdin: { write: (data: string) => void }, key: string) {
  stdin.write(key);
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/** At 80 columns the label column is 21 wide (strategy 13, lane 7, a space), then a space: bars are the other 58. */
const BAR_START = 22;
const BAR_WIDTH = 80 - BAR_START;
/** The bars of a strategy's lane (0: its first row, which names the strategy). */
const bars = (frame: string, strategy: string, lane: number) => {
  const lines = frame.split('\n');
  return lines[lines.findIndex((line) => new RegExp(`^${strategy} {2,}count-1 `).test(line)) + lane]!.slice(BAR_START);
};
const axisRow = (frame: string) => frame.split('\n').find((line) => /▲\d/.test(line))!;

/** Maximal runs of one glyph: [glyph, cells]. */
function glyphRuns(text: string): [string, number][] {
  const runs: [string, number][] = [];
  for (const glyph of text) {
    const last = runs.at(-1);
    if (last && last[0] === glyph) last[1]++;
    else runs.push([glyph, 1]);
  }
  return runs;
}

describe('zooming into count', () => {
  it('z six times from the whole run gives a 30 ms window: threads alternate running and gil-wait in ~5 ms runs of ≥ 2 cells', async () => {
    const { lastFrame, stdin, unmount } = renderCount(13_000_000);
    for (let i = 0; i < 6; i++) await press(stdin, 'z');
    // Around the playhead (12.985–13.015 s, ticks every 10 ms), which reads to the cell.
    await vi.waitFor(() => expect(axisRow(lastFrame())).toMatch(/^zoom 30ms\s+▲13\.0000s ─+12\.99s─+▲─+13\.01s─+$/));
    // Half a window back: all of it played (12.97–13 s).
    await press(stdin, '<');
    await vi.waitFor(() => expect(axisRow(lastFrame())).toMatch(/▲13\.0000s 12\.97s─+12\.98s─+12\.99s─+13s$/));
    const frame = lastFrame();
    const cellUs = 30_000 / BAR_WIDTH;
    for (const lane of [0, 1]) {
      const row = bars(frame, 'threads', lane);
      expect(row).toHaveLength(BAR_WIDTH);
      // The runs cut by the window's edges are not whole.
      const runs = glyphRuns(row).slice(1, -1);
      const turns = runs.filter(([glyph]) => glyph === '█' || glyph === '▒');
      expect(turns.length).toBeGreaterThanOrEqual(2);
      expect(new Set(turns.map(([glyph]) => glyph))).toEqual(new Set(['█', '▒']));
      for (const [glyph, cells] of turns) {
        expect(cells, `${glyph} run`).toBeGreaterThanOrEqual(2);
        // A switch interval (5 ms), give or take the cells a hand-off's partial cells take.
        expect(cells * cellUs, `${glyph} run of ${cells} cells`).toBeGreaterThan(3_500);
        expect(cells * cellUs, `${glyph} run of ${cells} cells`).toBeLessThan(6_500);
      }
      // Between turns only the hand-off's cell (ready: the 50 µs switch) may stand.
      expect(runs.every(([glyph, cells]) => glyph === '█' || glyph === '▒' || (glyph === '░' && cells === 1))).toBe(true);
    }
    // One thread runs while the other waits: where one row shows running, the other does not.
    const [one, two] = [bars(frame, 'threads', 0), bars(frame, 'threads', 1)];
    const both = [...one].filter((glyph, cell) => glyph === '█' && two[cell] === '█').length;
    expect(both).toBeLessThanOrEqual(2);
    unmount();
  });

  it('Z zooms back out a step at a time, and w gives the whole run at once', async () => {
    const { lastFrame, stdin, unmount } = renderCount(13_000_000);
    const whole = axisRow(lastFrame());
    for (let i = 0; i < 3; i++) await press(stdin, 'z');
    await vi.waitFor(() => expect(axisRow(lastFrame())).not.toEqual(whole));
    await press(stdin, 'Z');
    await vi.waitFor(() => expect(axisRow(lastFrame())).toMatch(/▲13\.00s ─+12s─+▲─+14s─+$/)); // a 3 s window around 13 s
    await press(stdin, 'w');
    await vi.waitFor(() => expect(axisRow(lastFrame())).toEqual(whole));
    unmount();
  });
});
