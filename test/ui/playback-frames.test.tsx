import { render } from 'ink-testing-library';
import { Profiler } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, scenarioTasks } from '../../src/engine/index.js';
import { App } from '../../src/ui/app.js';
import { createProgram } from '../../src/ui/program/program.js';
import { initialModel } from '../../src/ui/state/model.js';
import { FrameRecorder } from './frame-recorder.js';

const setupFor = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  return { input: { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] }, params: { ...DEFAULT_PARAMS, ...scenario.machine } };
};

/** The dashboard playing count (sequential, threads) at `speed`, counting React's commits. */
function mountPlaying(speed: number) {
  const initial = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads'], speed });
  const screen = new FrameRecorder();
  const counter = { commits: 0 };
  const app = render(
    <Profiler id="app" onRender={() => counter.commits++}>
      <App
        program={createProgram({ setupFor, theme: { color: false, unicode: true } })}
        initial={initial}
        fps={30}
        size={{ columns: 80, rows: 24 }}
        screen={screen}
        onQuit={() => {}}
      />
    </Profiler>,
  );
  return { app, screen, counter };
}

describe('playback frames', () => {
  it('are drawn at every tick without a React render; a key still renders', async () => {
    const { app, screen, counter } = mountPlaying(1);
    try {
      await vi.waitFor(() => expect(screen.frames.length).toBeGreaterThan(8), { timeout: 10_000 });
      const frames = screen.frames.length;
      const rendered = counter.commits;
      // Each tick drew a frame of its own (the playhead's time in the header moves)…
      expect(new Set(screen.frames).size).toBeGreaterThan(frames / 2);
      // …and React rendered only to mount (playback ticks go straight to the screen).
      expect(rendered).toBeLessThanOrEqual(2);
      app.stdin.write(' ');
      await vi.waitFor(() => expect(screen.lastFrame()).toContain('⏸'));
      expect(counter.commits).toBeGreaterThan(rendered);
    } finally {
      app.unmount();
    }
  });

  it('stop at the end of playback, which React hears of (no timer runs for a still picture)', async () => {
    const { app, screen, counter } = mountPlaying(100);
    try {
      const mounted = counter.commits;
      await vi.waitFor(() => expect(counter.commits).toBeGreaterThan(mounted), { timeout: 10_000 });
      const frames = screen.frames.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(screen.frames.length).toBe(frames);
    } finally {
      app.unmount();
    }
  });
});
