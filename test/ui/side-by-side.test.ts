import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, REAL_TWIN, emulate, isEmulated, parseTasks, type Run, type Trace } from '../../src/engine/index.js';
import { endOf, screenLines } from '../../src/ui/layout.js';
import { initialModel, type Model } from '../../src/ui/state/model.js';
import { update } from '../../src/ui/state/update.js';

/** One task of 100 ms, emulated, and a real twin that took `factor` times as long. */
function pairOf(factor: number): { emulated: Trace; real: Trace } {
  const emulated = emulate({ workload: 'tasks', tasks: parseTasks('cpu:100ms'), notes: [] }, ['sequential'], { ...DEFAULT_PARAMS, cores: 1 });
  const scaled = (us: number) => Math.round(us * factor);
  const real: Run[] = emulated.runs.filter(isEmulated).map((run) => ({
    ...run,
    source: 'real',
    strategy: REAL_TWIN[run.strategy],
    setup: { runtime: 'node', coresGranted: 1, coresAsked: null, gil: 'none', gilLock: false },
    elapsedUs: scaled(run.elapsedUs),
    spans: run.spans.map((span) => ({ ...span, startUs: scaled(span.startUs), endUs: scaled(span.endUs) })),
    tasks: run.tasks.map((task) => ({ ...task, finishUs: scaled(task.finishUs) })),
  }));
  return { emulated, real: { ...emulated, runs: real } };
}

/** Cells of the bar on each lane row of the frame (the emulated row first, then its real twin). */
function barLengths(model: Model, emulated: Trace): number[] {
  const lines = screenLines(model, emulated, { columns: 80, rows: 24 }, { color: false, unicode: true }).toLines();
  // The bars start where the axis does.
  const axis = lines.find((line) => line.startsWith('  emulated'))!;
  // The axis has no spaces: it starts after the label column's last one.
  const barStart = axis.lastIndexOf(' ') + 1;
  return lines.filter((line) => / T1 /.test(line)).map((line) => line.slice(barStart).trimEnd().length);
}

describe('the side-by-side view', () => {
  const { emulated, real } = pairOf(0.5);
  const model: Model = {
    ...initialModel({ scenario: 'tasks', layers: NO_LAYERS, strategies: ['sequential'], speed: 1 }),
    view: 'side-by-side',
    playheadUs: endOf(emulated.runs),
    real: { status: 'done', trace: real, message: '' },
  };

  it('draws a pair on one time axis: a run twice as long is a bar about twice as long', () => {
    const [emulatedCells, realCells] = barLengths(model, emulated);
    expect(emulatedCells).toBeGreaterThan(40);
    expect(emulatedCells! / realCells!).toBeGreaterThan(1.9);
    expect(emulatedCells! / realCells!).toBeLessThan(2.1);
  });

  it('gives each group its own axis after key a, and one again after a second a', () => {
    const perGroup = update(model, { type: 'toggle-axis' });
    const [emulatedCells, realCells] = barLengths(perGroup, emulated);
    expect(realCells).toBe(emulatedCells);
    expect(barLengths(update(perGroup, { type: 'toggle-axis' }), emulated)).toEqual(barLengths(model, emulated));
  });

  it('zoomed, draws the emulated run and its real twin on the one window, whatever key a chose', () => {
    // 40–60 ms of the real run (50 ms long) and of the emulated one (100 ms).
    const zoomed = { ...model, window: { startUs: 40_000, spanUs: 20_000 } };
    const axes = (m: Model) =>
      screenLines(m, emulated, { columns: 80, rows: 24 }, { color: false, unicode: true })
        .toLines()
        .filter((line) => /^ {2}(emulated|real, here)/.test(line))
        .map((line) => line.slice(line.lastIndexOf(' ') + 1));
    const [emulatedAxis, realAxis] = axes(zoomed);
    expect(emulatedAxis).toMatch(/^40ms─+45ms─+50ms─+55ms─+60ms$/);
    expect(realAxis).toBe(emulatedAxis);
    expect(axes({ ...zoomed, axisPerGroup: true })).toEqual([emulatedAxis, realAxis]);
    // The real run ends at 50 ms, half-way across: its bar stops there, the emulated one runs on.
    const [emulatedCells, realCells] = barLengths(zoomed, emulated);
    expect(emulatedCells).toBe(59); // 80 columns: a 20-column label, a space, 59 cells
    expect(realCells! / emulatedCells!).toBeGreaterThan(0.45);
    expect(realCells! / emulatedCells!).toBeLessThan(0.55);
  });

  it('names key a in the footer of the side-by-side view only, with q still in it at 80 columns', () => {
    const footer = (view: Model['view']) =>
      screenLines({ ...model, view }, emulated, { columns: 80, rows: 24 }, { color: false, unicode: true })
        .toLines()
        .at(-1)!;
    expect(footer('side-by-side')).toMatch(/ a axes .*q quit$/);
    expect(footer('emulated')).not.toMatch(/ a axes/);
  });
});
