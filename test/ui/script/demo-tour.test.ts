import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, scenarioTasks } from '../../../src/engine/index.js';
import { DEMO_TOUR } from '../../../src/ui/script/demo-tour.js';
import { scriptedFrames, type ScriptedFrame } from '../../../src/ui/script/scripted-frames.js';
import { initialModel } from '../../../src/ui/state/model.js';
import { columnsOf } from '../../../src/ui/render/text.js';

const setupFor = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  return {
    input: { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: scenario.notes },
    params: { ...DEFAULT_PARAMS, ...scenario.machine },
  };
};

/** Every frame of `concur-tui demo` at the size the README records it at. */
function demoFrames(unicode = true): ScriptedFrame[] {
  const initial = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 });
  const frames = scriptedFrames({ initial, setupFor, theme: { color: false, unicode }, fps: 15, size: { columns: 80, rows: 24 }, steps: DEMO_TOUR });
  return [...frames];
}

const narrations = DEMO_TOUR.flatMap((step) => (step.type === 'narrate' && step.text !== null ? [step.text] : []));

describe('the demo at 80×24', () => {
  it('has captions of at most 80 columns', () => {
    for (const text of narrations) expect(columnsOf(text), text).toBeLessThanOrEqual(80);
  });

  it('shows every chapter caption whole and never cuts the header or the caption', () => {
    const frames = demoFrames();
    for (const text of narrations) expect(frames.some(({ frame }) => frame.toLines()[1] === text)).toBe(true);
    for (const lines of frames.map(({ frame }) => frame.toLines())) {
      expect(lines[0]).not.toMatch(/…$/);
      expect(lines[1]).not.toMatch(/…$/);
    }
  });

  it('keeps to ASCII with --ascii, narrations included', () => {
    for (const { frame } of demoFrames(false)) expect(frame.toLines().join('\n')).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
