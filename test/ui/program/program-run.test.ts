import { describe, expect, it, vi } from 'vitest';
import type { Effect } from '../../../src/ui/program/effects.js';
import { createProgram } from '../../../src/ui/program/program.js';
import { ProgramRun } from '../../../src/ui/program/program-run.js';
import { countModel, key, scenarioSetup } from './setup.js';

const program = () => createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true } });

describe('ProgramRun (what both drivers share)', () => {
  it('applies the events an effect raises before the next key: r then 5 leaves juggle idle', () => {
    const performed: Effect[] = [];
    const run: ProgramRun = new ProgramRun(program(), countModel(), (effect) => {
      performed.push(effect);
      if (effect.type === 'run-real') run.dispatch({ type: 'real-started' });
    });
    run.dispatch(key('r'));
    expect(run.model.real.status).toBe('running');
    run.dispatch(key('5'));
    expect(run.model).toMatchObject({ scenario: 'juggle', real: { status: 'idle' } });
    expect(performed.map((effect) => effect.type)).toEqual(['run-real', 'stop-real']);
  });

  it('after a quit nothing more happens, and the driver is told the code once', () => {
    const perform = vi.fn();
    const changed = vi.fn();
    const run = new ProgramRun(program(), countModel(), perform, changed);
    run.dispatch(key('q'));
    run.dispatch(key('q'));
    run.dispatch(key('c'));
    expect(run.exitCode).toBe(0);
    expect(perform).toHaveBeenCalledTimes(1);
    expect(run.model.params.cores).toBe(2);
    expect(changed).not.toHaveBeenCalled();
  });

  it('tells the driver about a new model, and not about an unchanged one', () => {
    const changed = vi.fn();
    const run = new ProgramRun(program(), countModel(), () => {}, changed);
    run.dispatch(key('~'));
    expect(changed).not.toHaveBeenCalled();
    run.dispatch(key('?'));
    expect(changed).toHaveBeenCalledWith(run.model);
    expect(run.model.help).toBe(true);
  });

  it('draws the frame of its model through the program’s view', () => {
    const run = new ProgramRun(program(), countModel(), () => {});
    expect(run.frame({ columns: 80, rows: 24 }).toLines()[0]).toContain('count │ 2 cores');
    run.dispatch(key('c'));
    expect(run.frame({ columns: 80, rows: 24 }).toLines()[0]).toContain('count │ 1 core');
  });
});
