import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, emulate, scenarioTasks } from '../../src/engine/index.js';
import { endOf, screenLines } from '../../src/ui/layout.js';
import { VIEWS, initialModel } from '../../src/ui/state/model.js';
import type { Theme } from '../../src/ui/theme.js';

const trace = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  const input = { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] };
  return emulate(input, ['sequential', 'threads', 'processes', 'async'], { ...DEFAULT_PARAMS, ...scenario.machine });
};

describe('frames drawn from the frame before', () => {
  it('are, frame after frame, the frames drawn from scratch, in every view and size (fast-check)', () => {
    const traces = new Map(['count', 'convoy', 'juggle'].map((name) => [name, trace(name)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...traces.keys()),
        fc.constantFrom(...VIEWS),
        fc.integer({ min: 60, max: 130 }),
        fc.integer({ min: 14, max: 40 }),
        fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 2, maxLength: 8 }),
        (name, view, columns, rows, steps) => {
          const emulated = traces.get(name)!;
          const theme: Theme = { color: true, unicode: true };
          const start = { ...initialModel({ scenario: name, layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 }), view };
          const models = steps.map((_, i) => ({ ...start, playheadUs: steps.slice(0, i + 1).reduce((sum, step) => sum + step, 0) * endOf(emulated.runs) }));
          // One frame after the other, as playback draws them (each may reuse rows of the one before)…
          const played = models.map((model) => screenLines(model, emulated, { columns, rows }, theme).toLines({ styles: true }));
          // …and each from scratch: a theme object of its own (the same values) shares nothing with a frame before.
          const fresh = models.map((model) => screenLines(model, emulated, { columns, rows }, { ...theme }).toLines({ styles: true }));
          expect(played).toEqual(fresh);
        },
      ),
      { numRuns: 40 },
    );
  });
});
