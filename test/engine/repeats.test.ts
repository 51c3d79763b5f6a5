import { describe, expect, it } from 'vitest';
import { representativeRun, type NodeRun } from '../../src/engine/index.js';

const run = (elapsedUs: number, error?: string): NodeRun => ({
  source: 'real',
  strategy: 'sequential',
  setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
  elapsedUs,
  cpuUtilization: 0.5,
  contextSwitches: 0,
  gilHandoffs: 0,
  speedupVsSequential: null,
  cores: 2,
  tasks: [{ name: 'T1', arrivalUs: 0, responseUs: 0, turnaroundUs: elapsedUs, waitUs: 0, cpuUs: elapsedUs, finishUs: elapsedUs, ...(error ? { error } : {}) }],
  lanes: [{ id: 0, name: 'T1', group: 'worker', arrivalUs: 0 }],
  spans: [],
  instants: [],
});

describe('representativeRun', () => {
  it('shows the median run, with every sample, its start and the spread', () => {
    const shown = representativeRun([
      { run: run(300), startUs: 0 },
      { run: run(100), startUs: 1_000 },
      { run: run(200), startUs: 2_000 },
    ]);
    expect(shown.elapsedUs).toBe(200);
    expect(shown.repeats).toEqual({ samplesUs: [300, 100, 200], startsUs: [0, 1_000, 2_000], medianUs: 200, minUs: 100, maxUs: 300 });
  });

  it('of an even count, the lower middle: a run that happened', () => {
    const shown = representativeRun([100, 400, 300, 200].map((us, i) => ({ run: run(us), startUs: i })));
    expect(shown.elapsedUs).toBe(200);
    expect(shown.repeats?.medianUs).toBe(200);
  });

  it('a sample with a failed task is shown, so the failure is not hidden; the spread counts the others', () => {
    const shown = representativeRun([
      { run: run(100), startUs: 0 },
      { run: run(50, 'timed out'), startUs: 10 },
      { run: run(120), startUs: 20 },
    ]);
    expect(shown.tasks[0]!.error).toBe('timed out');
    expect(shown.repeats).toEqual({ samplesUs: [100, 120], startsUs: [0, 20], medianUs: 100, minUs: 100, maxUs: 120 });
  });
});
