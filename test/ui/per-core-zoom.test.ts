import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, emulate, scenarioTasks } from '../../src/engine/index.js';
import { endOf, screenLines } from '../../src/ui/layout.js';
import { initialModel, type Model } from '../../src/ui/state/model.js';

const count = SCENARIOS.find((scenario) => scenario.name === 'count')!;
const trace = emulate({ workload: 'count', tasks: scenarioTasks(count, TUTORIAL_CALIBRATION), notes: [] }, ['threads'], {
  ...DEFAULT_PARAMS,
  ...count.machine,
});
const model: Model = {
  ...initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['threads'], speed: 1 }),
  view: 'per-core',
  playheadUs: endOf(trace.runs),
};
const coreRows = (m: Model) =>
  screenLines(m, trace, { columns: 80, rows: 24 }, { color: false, unicode: true })
    .toLines()
    .filter((line) => / core \d /.test(line))
    .map((line) => line.slice(22));

describe('the per-core view, zoomed', () => {
  it('shows whole, each core partly busy everywhere; in a 30 ms window, which thread holds each core turn by turn', () => {
    // Whole, a cell is ~0.45 s: both threads keep a core half busy in every cell.
    for (const row of coreRows(model)) expect(row.trimEnd()).toMatch(/^·+$/);
    const zoomed = coreRows({ ...model, window: { startUs: 13_000_000, spanUs: 30_000 } });
    // In turns of ~5 ms (about 10 cells), each core runs its thread's mark, idle (or partly) in between.
    for (const row of zoomed) expect(row).toMatch(/([12])\1{6,}/);
    expect(zoomed.join('')).toMatch(/1{7}/);
    expect(zoomed.join('')).toMatch(/2{7}/);
    // The cores take turns: where one core runs a thread, the other is not running the other one.
    const [core0, core1] = zoomed;
    const both = [...core0!].filter((mark, cell) => /[12]/.test(mark) && /[12]/.test(core1![cell]!)).length;
    expect(both).toBeLessThanOrEqual(2);
  });
});
