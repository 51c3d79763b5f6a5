import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  NO_LAYERS,
  REAL_TWIN,
  SCENARIOS,
  TUTORIAL_CALIBRATION,
  emulate,
  isEmulated,
  scenarioTasks,
  type Run,
  type Trace,
} from '../../src/engine/index.js';
import { MIN_COLUMNS, MIN_ROWS, endOf, screenLines as screenFrame } from '../../src/ui/layout.js';
import { columnsOf } from '../../src/ui/render/text.js';
import { VIEWS, initialModel, type Model } from '../../src/ui/state/model.js';

/** The frame as text, a string per row (what these tests read). */
const screenLines = (...args: Parameters<typeof screenFrame>) => screenFrame(...args).toLines();

const traces = new Map<string, Trace>(
  SCENARIOS.map((scenario) => {
    const input = { workload: scenario.name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] };
    return [scenario.name, emulate(input, ['sequential', 'threads', 'processes', 'async'], { ...DEFAULT_PARAMS, ...scenario.machine })];
  }),
);

/** The emulated runs relabelled as real ones: enough to fill the real and side-by-side views. */
const asReal = (runs: readonly Run[]): Run[] =>
  runs.filter(isEmulated).map((run) => ({
    ...run,
    source: 'real',
    strategy: REAL_TWIN[run.strategy],
    setup: { runtime: 'node', coresGranted: run.cores, coresAsked: null, gil: 'none', gilLock: false },
  }));

describe('the screen at any size (fast-check)', () => {
  it('never draws a line wider than the terminal nor more lines than it has rows (less one)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 300 }),
        fc.integer({ min: 6, max: 100 }),
        fc.constantFrom(...SCENARIOS.map((s) => s.name)),
        fc.constantFrom(...VIEWS),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (columns, rows, scenario, view, help, color, withReal, progress) => {
          const emulated = traces.get(scenario)!;
          const end = Math.max(...emulated.runs.map((run) => run.elapsedUs));
          const model: Model = {
            ...initialModel({ scenario, layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 }),
            view,
            help,
            playheadUs: progress * end,
            real: withReal
              ? { status: 'done', trace: { ...emulated, runs: asReal(emulated.runs) }, message: '' }
              : { status: 'idle', trace: null, message: '' },
          };
          const frame = screenFrame(model, emulated, { columns, rows }, { color, unicode: true });
          expect([frame.columns, frame.rows]).toEqual([columns, rows - 1]);
          const lines = frame.toLines();
          expect(lines.length).toBeLessThanOrEqual(rows - 1);
          expect(lines.length).toBeGreaterThan(0);
          // columnsOf is string-width's answer (text.test.ts), without its per-call segmenter: most of this test's time was there.
          expect(lines.filter((line) => columnsOf(line) > columns)).toEqual([]);
          if (columns >= MIN_COLUMNS && rows >= MIN_ROWS) expect(lines[0]).toMatch(new RegExp(`^${scenario} │`));
          else expect(lines[0]).toBe('Enlarge the terminal');
        },
      ),
      { numRuns: 1_500 },
    );
  });
});

describe('the per-core view', () => {
  it('draws two threads under the GIL as two half-busy cores, not as two full ones', () => {
    const model: Model = {
      ...initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 }),
      view: 'per-core',
      playheadUs: Number.MAX_SAFE_INTEGER,
    };
    const lines = screenLines(model, traces.get('count')!, { columns: 80, rows: 24 }, { color: false, unicode: true });
    const threads = lines.findIndex((line) => /^threads\s+core 0/.test(line));
    for (const line of lines.slice(threads, threads + 2)) expect(line).toMatch(/core \d\s+·+\s*$/);
    expect(lines.find((line) => /^processes\s+core 0/.test(line))).toMatch(/core 0\s+1+·?\s*$/);
    expect(lines).toContain('· busy < 75% of a cell  lanes: 1 count-1  2 count-2');
  });
});

describe('the caption line', () => {
  const long = 'Not emulated: a 1us time slice on this task list could need more than 10 M scheduling wake-ups; try a longer slice.';
  const model: Model = {
    ...initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 }),
    notice: long,
  };

  it('wraps onto a second line when the Gantt has a spare row', () => {
    const lines = screenLines(model, traces.get('count')!, { columns: 80, rows: 24 }, { color: false, unicode: true });
    expect(`${lines[1]} ${lines[2]}`).toBe(long);
    expect(lines[3]).toMatch(/^sequential\s+count-1/);
  });

  it('stays on one line, cut, when the Gantt needs every row', () => {
    const lines = screenLines(model, traces.get('count')!, { columns: 80, rows: 19 }, { color: false, unicode: true });
    expect(lines[1]).toMatch(/^Not emulated: .*…$/);
    expect(lines[2]).toMatch(/^sequential\s+count-1/);
  });
});

/** Every view, the help and the size warning of every scenario, half played, as text. */
const frames = (unicode: boolean, color = false, styles = false): string[] =>
  SCENARIOS.flatMap((scenario) => {
    const emulated = traces.get(scenario.name)!;
    const base: Model = {
      ...initialModel({ scenario: scenario.name, layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 }),
      playheadUs: endOf(emulated.runs) / 2,
      real: { status: 'done', trace: { ...emulated, runs: asReal(emulated.runs) }, message: '' },
    };
    const models: Model[] = [...VIEWS.map((view) => ({ ...base, view })), { ...base, paused: true }, { ...base, help: true }];
    return [
      ...models.map((model) => screenFrame(model, emulated, { columns: 80, rows: 24 }, { color, unicode }).toLines({ styles }).join('\n')),
      screenFrame(base, emulated, { columns: 50, rows: 10 }, { color, unicode }).toLines({ styles }).join('\n'),
    ];
  });

describe('--ascii', () => {
  it('draws every view, the help and the size warning with ASCII characters only', () => {
    for (const frame of frames(false)) expect(frame).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it("has a stand-in for every character it replaces (no '?' that Unicode did not have)", () => {
    const unicode = frames(true);
    frames(false).forEach((frame, i) => expect(frame.split('?').length).toBe(unicode[i]!.split('?').length));
  });
});

describe('without colour (NO_COLOR)', () => {
  it('draws no styled cell in any view, while the same frames in colour have styles', () => {
    const inColour = frames(true, true, true);
    expect(inColour.filter((frame) => frame.includes('\u001B[')).length).toBeGreaterThan(inColour.length / 2);
    for (const frame of frames(true, false, true)) expect(frame).not.toContain('\u001B');
  });
});
