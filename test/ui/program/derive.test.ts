import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, parseTasks } from '../../../src/engine/index.js';
import { DashboardEmulator, type SetupFor } from '../../../src/ui/emulation.js';
import { createDerive as createDeriveOf, isPlaying } from '../../../src/ui/program/derive.js';
import { update } from '../../../src/ui/state/update.js';
import { countModel, scenarioSetup } from './setup.js';

const createDerive = (setupFor: SetupFor) => createDeriveOf(new DashboardEmulator(setupFor));

describe('derive (memoised)', () => {
  it('gives the same object for the same model, and emulates once', () => {
    const setupFor = scenarioSetup();
    const derive = createDerive(setupFor);
    const model = countModel();
    const first = derive(model);
    expect(derive(model)).toBe(first);
    expect(setupFor).toHaveBeenCalledTimes(1);
    expect(first.refusal).toBeNull();
    expect(first.trace.runs.map((run) => run.strategy)).toEqual(['sequential', 'threads']);
    expect(first.endUs).toBe(Math.max(...first.trace.runs.map((run) => run.elapsedUs)));
  });

  it('does not re-emulate for a view, help, playback or equal parameters', () => {
    const setupFor = scenarioSetup();
    const derive = createDerive(setupFor);
    const model = countModel();
    const first = derive(model);
    for (const other of [
      update(model, { type: 'next-view' }),
      update(model, { type: 'toggle-help' }),
      update(model, { type: 'tick', dtMs: 100, endUs: first.endUs }),
      { ...model, params: { ...model.params } },
      { ...model, strategies: [...model.strategies] },
    ]) {
      expect(derive(other)).toBe(first);
    }
    expect(setupFor).toHaveBeenCalledTimes(1);
  });

  it('re-emulates when the GIL, the scenario or the strategies change', () => {
    const setupFor = scenarioSetup();
    const derive = createDerive(setupFor);
    const model = countModel();
    const withGil = derive(model);
    const noGil = derive(update(update(model, { type: 'cycle-gil' }), { type: 'cycle-gil' }));
    expect(noGil).not.toBe(withGil);
    // Without a GIL the two counts run in parallel: threads finish in about half the time.
    const threads = (d: typeof noGil) => d.trace.runs.find((run) => run.strategy === 'threads')!.elapsedUs;
    expect(threads(noGil)).toBeLessThan(threads(withGil) * 0.6);
    expect(derive({ ...model, strategies: ['sequential'] }).trace.runs).toHaveLength(1);
    expect(derive({ ...model, scenario: 'sleep' }).trace.workload).toBe('sleep');
    // A scenario's tasks are read once: only its runs depend on the parameters.
    expect(setupFor).toHaveBeenCalledTimes(2);
  });

  it('keeps the last good trace when the parameters are refused, and says why', () => {
    const long = { input: { workload: 'tasks', tasks: parseTasks('3600s'), notes: [] }, params: DEFAULT_PARAMS };
    const derive = createDerive(() => long);
    const model = { ...countModel(), scenario: 'tasks', strategies: ['sequential' as const] };
    const good = derive(model);
    const refused = derive({ ...model, params: { ...model.params, quantumUs: 1 } });
    expect(good.refusal).toBeNull();
    expect(refused.trace).toBe(good.trace);
    expect(refused.endUs).toBe(good.endUs);
    expect(refused.refusal).toMatch(/^Not emulated: /);
  });

  it('plays while not paused and before the end of the emulated runs', () => {
    const derive = createDerive(scenarioSetup());
    const model = countModel();
    const derived = derive(model);
    expect(isPlaying(model, derived)).toBe(true);
    expect(isPlaying({ ...model, paused: true }, derived)).toBe(false);
    expect(isPlaying({ ...model, playheadUs: derived.endUs }, derived)).toBe(false);
  });
});
