import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_LAYERS, REAL_TWIN, SCENARIOS, isEmulated, type Run, type Trace } from '../../../src/engine/index.js';
import { createProgram, type Program } from '../../../src/ui/program/program.js';
import { ProgramRun } from '../../../src/ui/program/program-run.js';
import type { Effect } from '../../../src/ui/program/effects.js';
import { KEYMAP } from '../../../src/ui/state/keymap.js';
import { VIEWS, initialModel, type Model } from '../../../src/ui/state/model.js';
import { key, scenarioSetup } from '../program/setup.js';

/** The bytes a terminal sends for each key the help lists (every binding: a new one must be added here). */
const PRESSES: Readonly<Record<string, readonly string[]>> = {
  '←→': ['\u001B[D', '\u001B[C', '-', '+'],
  '[]': ['[', ']'],
  g: ['g'],
  i: ['i'],
  'c/C': ['c', 'C'],
  p: ['p'],
  '1-7': ['1', '2', '3', '4', '5', '6', '7'],
  Space: [' '],
  '0': ['0'],
  ',.': [',', '.'],
  'z/Z w': ['z', 'Z', 'w'],
  '<>': ['<', '>'],
  r: ['r'],
  R: ['R'],
  n: ['n'],
  e: ['e'],
  '↑↓': ['\u001B[A', '\u001B[B'],
  a: ['a'],
  Tab: ['\t'],
  '?': ['?'],
  q: ['q'],
};

const STRATEGIES = ['sequential', 'threads', 'processes', 'async'] as const;

/** A real trace for the side-by-side and real views: the emulated runs, relabelled as real ones. */
function realTrace(program: Program, model: Model): Trace {
  const emulated = program.derive(model).trace;
  const runs = emulated.runs.filter(isEmulated).map(
    (run): Run => ({
      ...run,
      source: 'real',
      strategy: REAL_TWIN[run.strategy],
      setup: { runtime: 'node', coresGranted: run.cores, coresAsked: null, gil: 'none', gilLock: false },
    }),
  );
  return { ...emulated, runs };
}

/**
 * The program under a driver that answers effects as the live dashboard's first answer does:
 * real runs start (the table says so), an export reports where it went.
 */
function drive(program: Program, start: Model): ProgramRun {
  const run = new ProgramRun(program, start, (effect: Effect) => {
    switch (effect.type) {
      case 'run-real':
        return run.dispatch({ type: 'real-started' });
      case 'export':
        return run.dispatch({ type: 'notice', text: 'exported to trace.json' });
      case 'stop-real':
      case 'quit':
        return;
    }
  });
  return run;
}

describe('every key the help lists shows its effect (fast-check)', () => {
  it('the table of presses covers the keymap', () => {
    expect(Object.keys(PRESSES).sort()).toEqual(KEYMAP.map((binding) => binding.keys).sort());
  });

  it('a key press changes the frame (or quits), in every scenario, view and width from 60 to 200 columns', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.entries(PRESSES).flatMap(([keys, presses]) => presses.map((press) => [keys, press] as const))),
        fc.constantFrom(...SCENARIOS.map((scenario) => scenario.name)),
        fc.constantFrom(...VIEWS),
        fc.integer({ min: 60, max: 200 }),
        fc.integer({ min: 14, max: 60 }),
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: 0.2, max: 0.8, noNaN: true }),
        ([, press], scenario, view, columns, rows, withReal, paused, progress) => {
          const base = initialModel({ scenario, layers: NO_LAYERS, strategies: [...STRATEGIES], speed: 1 });
          const program = createProgram({ setupFor: scenarioSetup(), theme: { color: true, unicode: true } });
          const endUs = program.derive(base).endUs;
          const real = withReal ? { status: 'done' as const, trace: realTrace(program, base), message: '' } : base.real;
          const start: Model = { ...base, view, paused, playheadUs: progress * endUs, real };
          const run = drive(program, start);
          const size = { columns, rows };
          const before = run.frame(size).toLines({ styles: true });
          run.dispatch(key(press));
          if (run.exitCode !== null) return; // q: the dashboard is gone, which is what it shows
          expect(run.frame(size).toLines({ styles: true })).not.toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
