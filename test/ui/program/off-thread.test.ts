import { describe, expect, it, vi } from 'vitest';
import { DASHBOARD_STRATEGIES, initialModel } from '../../../src/ui/state/model.js';
import { NO_LAYERS, emulateRun, type EmulatedRun, type TaskSpec } from '../../../src/engine/index.js';
import type { EmulationListener, BackgroundEmulator, RunRequest } from '../../../src/ui/emulation-child.js';
import { DashboardEmulator } from '../../../src/ui/emulation.js';
import { createProgram } from '../../../src/ui/program/program.js';
import { ProgramRun } from '../../../src/ui/program/program-run.js';
import { key, scenarioSetup } from './setup.js';

/** An emulation thread the test finishes by hand: it records each job and whether it was cancelled. */
class HeldThread implements BackgroundEmulator {
  readonly jobs: { tasks: readonly TaskSpec[]; runs: readonly RunRequest[]; listener: EmulationListener; cancelled: boolean }[] = [];

  start(tasks: readonly TaskSpec[], runs: readonly RunRequest[], listener: EmulationListener): () => void {
    const job = { tasks, runs, listener, cancelled: false };
    this.jobs.push(job);
    return () => {
      job.cancelled = true;
    };
  }

  /** Finishes the last job as the real thread would: each run (emulated here, the emulator is pure), then done. */
  finishLast(): void {
    const job = this.jobs.at(-1)!;
    for (const run of job.runs) job.listener.onRun(run.key, emulateRun(job.tasks, run.strategy, run.params).run);
    job.listener.onDone();
  }

  dispose(): void {}
}

const SIZE = { columns: 80, rows: 24 };
const countModel = () => initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: [...DASHBOARD_STRATEGIES], speed: 1 });
const text = (run: ProgramRun) => run.frame(SIZE).toLines().join('\n');
const threadsRow = (screen: string) => screen.split('\n').find((line) => /^[ *]threads\s/.test(line)) ?? '';

describe('emulations off the input path', () => {
  it('the first frame says simulating…, and the picture comes when the thread answers', () => {
    const thread = new HeldThread();
    const program = createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true }, offThread: thread });
    const run = new ProgramRun(program, countModel(), () => {});
    const landed = vi.fn();
    program.onEmulated(landed);
    expect(text(run)).toContain('simulating…');
    expect(run.derived().state).toBe('simulating');
    expect(run.derived().trace.runs).toEqual([]);
    thread.finishLast();
    // A first picture lands run by run (four runs), then once more when the job is done.
    expect(landed).toHaveBeenCalledTimes(5);
    expect(thread.jobs).toHaveLength(1);
    expect(run.derived().state).toBe('done');
    expect(text(run)).not.toContain('simulating…');
    expect(run.derived().trace.runs.map((r) => r.strategy)).toEqual(DASHBOARD_STRATEGIES);
  });

  it('the first picture fills in run by run, cheapest first: threads is named as still to come, and no figure of it is shown', () => {
    const thread = new HeldThread();
    const program = createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true }, offThread: thread });
    const run = new ProgramRun(program, countModel(), () => {});
    run.derived();
    const [job] = thread.jobs;
    // The costliest run last: the others take a few events each, threads thousands.
    expect(job!.runs.map((r) => r.strategy)).toEqual(['sequential', 'async', 'processes', 'threads']);
    for (const request of job!.runs.slice(0, 3)) job!.listener.onRun(request.key, emulateRun(job!.tasks, request.strategy, request.params).run);
    const partial = run.derived();
    expect(partial.state).toBe('simulating');
    expect(partial.pending).toEqual(['threads']);
    // In the table's order, without threads.
    expect(partial.trace.runs.map((r) => r.strategy)).toEqual(['sequential', 'processes', 'async']);
    const screen = text(run);
    expect(screen).toContain('simulating… (threads not drawn yet)');
    expect(screen).toMatch(/^sequential\s+count-1\s/m);
    expect(screen).not.toMatch(/^\s*threads\b/m);
    // Still one job: the runs that arrived do not restart it.
    expect(thread.jobs).toHaveLength(1);
    expect(job!.cancelled).toBe(false);
    const last = job!.runs[3]!;
    job!.listener.onRun(last.key, emulateRun(job!.tasks, last.strategy, last.params).run);
    job!.listener.onDone();
    expect(run.derived().state).toBe('done');
    expect(run.derived().pending).toEqual([]);
    expect(run.derived().trace.runs.map((r) => r.strategy)).toEqual(DASHBOARD_STRATEGIES);
    expect(text(run)).not.toContain('simulating…');
    expect(text(run)).toMatch(/^threads\s+count-1\s/m);
  });

  it('a key while the first picture fills in asks for the new settings: the runs of the old ones are not shown as of the new', () => {
    const thread = new HeldThread();
    const program = createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true }, offThread: thread });
    const run = new ProgramRun(program, countModel(), () => {});
    run.derived();
    const [job] = thread.jobs;
    for (const request of job!.runs.slice(0, 3)) job!.listener.onRun(request.key, emulateRun(job!.tasks, request.strategy, request.params).run);
    expect(run.derived().trace.runs).toHaveLength(3);
    // c: another core count changes every run.
    run.dispatch(key('c'));
    const after = run.derived();
    expect(job!.cancelled).toBe(true);
    expect(thread.jobs).toHaveLength(2);
    expect(after.state).toBe('simulating');
    expect(after.trace.runs).toEqual([]);
    expect(text(run)).not.toMatch(/^sequential\s+count-1\s/m);
  });

  it('a key during a pending emulation cancels it; the previous picture stays, marked re-simulating…', () => {
    const thread = new HeldThread();
    const program = createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true }, offThread: thread });
    const run = new ProgramRun(program, countModel(), () => {});
    run.derived();
    thread.finishLast();
    const settled = run.derived().trace;
    const before = threadsRow(text(run));

    // The driver draws after every key: drawing derives, and that asks the thread.
    run.dispatch(key('['));
    expect(run.derived().state).toBe('re-simulating');
    expect(thread.jobs).toHaveLength(2);
    expect(run.derived().trace).toBe(settled);
    run.dispatch(key('['));
    const screen = text(run);
    // The second key needs another run: the first request is ended, a new one started.
    expect(thread.jobs).toHaveLength(3);
    expect(thread.jobs[1]!.cancelled).toBe(true);
    expect(thread.jobs[2]!.cancelled).toBe(false);
    expect(screen).toContain('re-simulating…');
    expect(threadsRow(screen)).toBe(before);
    expect(run.derived().trace).toBe(settled);

    thread.finishLast();
    expect(run.derived().state).toBe('done');
    expect(text(run)).not.toContain('simulating…');
    expect(run.derived().trace.runs.find((r) => r.strategy === 'threads')).not.toEqual(settled.runs.find((r) => r.strategy === 'threads'));
  });

  it('a key back to settings already emulated cancels the pending request and shows them at once', () => {
    const thread = new HeldThread();
    const program = createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true }, offThread: thread });
    const run = new ProgramRun(program, countModel(), () => {});
    run.derived();
    thread.finishLast();
    const settled = run.derived();
    run.dispatch(key('['));
    run.derived();
    run.dispatch(key(']'));
    run.derived();
    expect(thread.jobs[1]!.cancelled).toBe(true);
    expect(thread.jobs).toHaveLength(2);
    expect(run.derived().state).toBe('done');
    expect(run.derived().trace.runs).toEqual(settled.trace.runs);
  });
});

describe('only the runs whose inputs changed are emulated', () => {
  const countCalls = () => {
    const emulated: string[] = [];
    const emulateHere = (tasks: readonly TaskSpec[], strategy: EmulatedRun['strategy'], params: Parameters<typeof emulateRun>[2]) => {
      emulated.push(strategy);
      return emulateRun(tasks, strategy, params);
    };
    return { emulated, emulator: new DashboardEmulator(scenarioSetup(), { emulateHere }) };
  };

  it('pressing [ re-emulates only the GIL-dependent strategies (count, all six: threads once for threads and thread-pool)', () => {
    const { emulated, emulator } = countCalls();
    const program = createProgram({ setupFor: scenarioSetup(), theme: { color: false, unicode: true } });
    const all = ['sequential', 'threads', 'processes', 'async', 'thread-pool', 'process-pool'] as const;
    const model = { ...countModel(), strategies: [...all] };
    emulator.emulate('count', all, model.params, null);
    // threads and a pool as wide as its two tasks are one emulation.
    expect(emulated).toEqual(['sequential', 'threads', 'processes', 'async', 'process-pool']);
    emulated.length = 0;
    const pressed = program.update(model, key('[')).model;
    expect(pressed.params.switchIntervalUs).toBeLessThan(model.params.switchIntervalUs);
    const trace = emulator.emulate('count', all, pressed.params, null).trace;
    expect(emulated).toEqual(['threads']);
    expect(trace.runs.map((r) => r.strategy)).toEqual(all);
    expect(trace.runs.find((r) => r.strategy === 'thread-pool')!.lanes.map((lane) => lane.group)).toEqual(['W1', 'W2']);
    // And back: nothing to emulate.
    emulated.length = 0;
    emulator.emulate('count', all, model.params, null);
    expect(emulated).toEqual([]);
  });

  it('the trace made from kept runs is byte for byte the one a fresh emulation gives', () => {
    const { emulator } = countCalls();
    const all = ['sequential', 'threads', 'processes', 'async', 'thread-pool', 'process-pool'] as const;
    const params = countModel().params;
    emulator.emulate('count', all, { ...params, switchIntervalUs: 1_000 }, null);
    const kept = emulator.emulate('count', all, params, null).trace;
    const fresh = new DashboardEmulator(scenarioSetup()).emulate('count', all, params, null).trace;
    expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh));
  });
});
