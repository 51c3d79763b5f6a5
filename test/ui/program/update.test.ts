import { describe, expect, it } from 'vitest';
import { PLAYBACK_SECONDS } from '../../../src/ui/state/model.js';
import { createProgram } from '../../../src/ui/program/program.js';
import type { Trace } from '../../../src/engine/index.js';
import { countModel, key, scenarioSetup } from './setup.js';

const program = (setupFor = scenarioSetup()) => createProgram({ setupFor, theme: { color: false, unicode: true } });

describe('the program’s update: keys to a model and effects', () => {
  it('a parameter key changes the model and asks for nothing', () => {
    const { update } = program();
    const { model, effects } = update(countModel(), key('+'));
    expect(model.params.quantumUs).toBe(5_000);
    expect(effects).toEqual([]);
  });

  it('an unbound key leaves the very same model', () => {
    const { update } = program();
    const before = countModel();
    expect(update(before, key('~'))).toEqual({ model: before, effects: [] });
    expect(update(before, key('~')).model).toBe(before);
  });

  it('q quits with 0, Ctrl-C with 130, and neither drops a core', () => {
    const { update } = program();
    const before = countModel();
    expect(update(before, key('q'))).toEqual({ model: before, effects: [{ type: 'quit', code: 0 }] });
    expect(update(before, key('\u0003'))).toEqual({ model: before, effects: [{ type: 'quit', code: 130 }] });
  });

  it('r asks for real runs of the scenario and parameters in the model', () => {
    const { update } = program();
    const juggle = update(countModel(), key('5')).model;
    expect(update(juggle, key('r')).effects).toEqual([{ type: 'run-real', scenario: 'juggle', params: juggle.params, runtime: 'node', repeat: 1 }]);
    expect(juggle.params.cores).toBe(1);
  });

  it('n steps the runs of each real strategy 1 → 3 → 5 → 1, says so, and r asks for that many', () => {
    const { update } = program();
    const three = update(countModel(), key('n')).model;
    expect(three.repeat).toBe(3);
    expect(three.notice).toBe('real runs: 3 times each, interleaved: median ±spread (r runs them)');
    expect(update(three, key('r')).effects).toEqual([{ type: 'run-real', scenario: 'count', params: three.params, runtime: 'node', repeat: 3 }]);
    const five = update(three, key('n')).model;
    expect(five.repeat).toBe(5);
    expect(update(five, key('n')).model.repeat).toBe(1);
    // A count from --repeat steps on to the next larger one.
    expect(update({ ...countModel(), repeat: 4 }, key('n')).model.repeat).toBe(5);
  });

  it('R switches real runs to a real Python: the shown results go, the runs in progress stop, r asks for Python', () => {
    const { update } = program();
    const done = { ...countModel(), real: { status: 'done' as const, trace: null, message: '' } };
    const switched = update(done, key('R'));
    expect(switched.model.runtime).toBe('python');
    expect(switched.model.real.status).toBe('idle');
    expect(switched.effects).toEqual([{ type: 'stop-real' }]);
    expect(update(switched.model, key('r')).effects).toEqual([
      { type: 'run-real', scenario: 'count', params: switched.model.params, runtime: 'python', repeat: 1 },
    ]);
    expect(update(switched.model, key('R')).model.runtime).toBe('node');
  });

  it('a scenario key takes the scenario’s own machine and stops the real runs of the old one', () => {
    const setupFor = scenarioSetup();
    const { update } = program(setupFor);
    const playing = { ...countModel(), playheadUs: 5_000 };
    const { model, effects } = update(playing, key('5'));
    expect(model).toMatchObject({ scenario: 'juggle', playheadUs: 0, params: { cores: 1, workers: 1 } });
    expect(effects).toEqual([{ type: 'stop-real' }]);
    // The scenario already shown: nothing stops, and a notice says so (a key always shows its effect).
    expect(update(playing, key('2'))).toEqual({ model: { ...playing, notice: 'count is on screen already (0 replays it)' }, effects: [] });
  });

  it('e asks to export what the screen shows: the emulated runs, then the real ones', () => {
    const { update, derive } = program();
    const setup = { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false } as const;
    const real: Trace = { workload: 'count', runs: [{ ...derive(countModel()).trace.runs[0]!, source: 'real', strategy: 'sequential', setup }], notes: [] };
    const model = update(countModel(), { type: 'real-finished', trace: real }).model;
    const { effects } = update(model, key('e'));
    expect(effects).toHaveLength(1);
    const exported = (effects[0] as { type: 'export'; trace: Trace }).trace;
    expect(exported.runs.map((run) => `${run.source} ${run.strategy}`)).toEqual(['emulated sequential', 'emulated threads', 'real sequential']);
  });

  it('e, zoomed, exports the window on screen: spans cut at its edges, hand-offs inside it, the window and a note on the trace', () => {
    const { update, derive } = program();
    let model = { ...countModel(), playheadUs: 13_000_000, paused: true };
    for (let i = 0; i < 6; i++) model = update(model, key('z')).model;
    expect(model.window).toEqual({ startUs: 12_985_000, spanUs: 30_000 });
    const exported = (update(model, key('e')).effects[0] as { type: 'export'; trace: Trace }).trace;
    expect(exported.window).toEqual({ startUs: 12_985_000, endUs: 13_015_000 });
    expect(exported.notes.at(-1)).toMatch(/^the window 12\.985s–13\.015s of the runs/);
    const whole = derive(model).trace;
    const threads = exported.runs.find((run) => run.strategy === 'threads')!;
    expect(threads.spans.every((span) => span.startUs >= 12_985_000 && span.endUs <= 13_015_000)).toBe(true);
    // Both threads' turns in 30 ms (a hand-off every ~5 ms), and the figures of the whole run.
    expect(threads.instants.length).toBeGreaterThanOrEqual(5);
    expect(threads.instants.length).toBeLessThanOrEqual(7);
    expect(threads.elapsedUs).toBe(whole.runs.find((run) => run.strategy === 'threads')!.elapsedUs);
    // Running time in the window adds up to the window: one thread runs at a time, all the time.
    const runningUs = threads.spans.filter((span) => span.state === 'running').reduce((sum, span) => sum + span.endUs - span.startUs, 0);
    expect(runningUs).toBeGreaterThan(29_000);
    expect(runningUs).toBeLessThanOrEqual(30_000);
    // Not zoomed, the whole trace as before.
    expect((update(countModel(), key('e')).effects[0] as { type: 'export'; trace: Trace }).trace.window).toBeUndefined();
  });

  it('. steps 1/100 of the derived emulation and pauses; a tick plays at the derived length', () => {
    const { update, derive } = program();
    const { endUs } = derive(countModel());
    expect(update(countModel(), key('.')).model).toMatchObject({ paused: true, playheadUs: endUs / 100 });
    expect(update(countModel(), { type: 'tick', dtMs: 1_000 }).model.playheadUs).toBe(endUs / PLAYBACK_SECONDS);
  });

  it('. and ticks read the emulation of the model they act on, not of an earlier one', () => {
    const { update, derive } = program();
    const oneCore = update(countModel(), key('c')).model;
    const { endUs } = derive(oneCore);
    expect(endUs).not.toBe(derive(countModel()).endUs);
    expect(update(oneCore, key('.')).model.playheadUs).toBe(endUs / 100);
  });

  it('messages from the driver go to the model as they are', () => {
    const { update } = program();
    expect(update(countModel(), { type: 'narrate', text: 'hello' }).model.narration).toBe('hello');
    expect(update(countModel(), { type: 'real-failed', message: 'no' })).toMatchObject({ model: { real: { status: 'failed', message: 'no' } }, effects: [] });
  });
});

describe('keys with the help open', () => {
  const opened = () => program().update(countModel(), key('?')).model;

  it('Esc, q and ? close the help; q quits only once it is closed', () => {
    const { update } = program();
    for (const bytes of ['\u001B', 'q', '?']) {
      const { model, effects } = update(opened(), key(bytes));
      expect([model.help, effects]).toEqual([false, []]);
    }
    expect(update(update(opened(), key('q')).model, key('q')).effects).toEqual([{ type: 'quit', code: 0 }]);
    expect(update(opened(), key('\u0003')).effects).toEqual([{ type: 'quit', code: 130 }]);
  });

  it('↑/↓ page the help; any other key closes it and acts, so its effect is on screen', () => {
    const { update } = program();
    expect(update(opened(), key('\u001B[B')).model).toMatchObject({ help: true, helpPage: 1 });
    expect(update(opened(), key('C')).model).toMatchObject({ help: false, params: { cores: 3 }, touched: 'cores' });
  });
});

describe('keys whose change would not show', () => {
  it('[ and ] under no GIL or the old GIL say so and change nothing', () => {
    const { update } = program();
    for (const gil of ['none', 'old'] as const) {
      const before = { ...countModel(), params: { ...countModel().params, gil } };
      const { model } = update(before, key(']'));
      expect(model.params).toEqual(before.params);
      expect(model.layers).toEqual(before.layers);
      expect(model.notice).toMatch(gil === 'none' ? /^\[ \]: no GIL/ : /^\[ \]: the old GIL switches every 100 ticks/);
    }
    expect(update(countModel(), key(']')).model.params.switchIntervalUs).toBeGreaterThan(countModel().params.switchIntervalUs);
  });

  it('a key at the end of its range says so (c on one core)', () => {
    const { update } = program();
    const juggle = update(countModel(), key('5')).model;
    expect(update(juggle, key('c')).model.notice).toBe('cores: already the smallest the keys reach');
  });

  it('R says where real runs will run, and keeps saying it after the twin changes', () => {
    expect(program().update(countModel(), key('R')).model.notice).toBe('real runs: on python (r runs them)');
  });
});
