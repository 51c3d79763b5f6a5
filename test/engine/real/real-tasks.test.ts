import { describe, expect, it } from 'vitest';
import { describeRealCounts, realTasksFromScenario, realTasksFromSpecs } from '../../../src/engine/real/real-tasks.js';
import { findScenario } from '../../../src/engine/scenario.js';
import { parseTasks } from '../../../src/engine/task-spec.js';
import { toCalibration } from '../../../src/engine/calibration-store.js';
import { TUTORIAL_CALIBRATION } from '../../../src/workloads/calibration.js';

const calibration = { cpythonNsPerIteration: 100, nodeNsPerIteration: 1, source: 'test', nodeSource: 'test' };

describe('sizing real work by duration', () => {
  it('a count CPython needs D for becomes a Node count that needs D × scale here', () => {
    const [first] = realTasksFromScenario(findScenario('count'), { scale: 0.1, calibration, io: 'sleep' });
    // 1e8 iterations × 100 ns = 10 s of CPython; × 0.1 = 1 s; at 1 ns/iteration: 1e9 iterations.
    expect(first).toEqual({ name: 'count-1', arrivalUs: 0, calls: [{ workload: 'count', argument: 1_000_000_000 }] });
  });

  it('sleeps and queries keep their durations times the scale', () => {
    const db = realTasksFromScenario(findScenario('db'), { scale: 0.5, calibration, io: 'sleep' });
    expect(db.map((t) => t.calls)).toEqual([[{ workload: 'query', argument: 1_000 }], [{ workload: 'query', argument: 1_000 }]]);
  });

  it('--tasks: cpu phases count for their duration, io phases sleep or query, arrivals scale', () => {
    const tasks = realTasksFromSpecs(parseTasks('cpu:10ms+io:5ms,2ms@4ms'), { scale: 1, calibration, io: 'query' });
    expect(tasks).toEqual([
      {
        name: 'T1',
        arrivalUs: 0,
        calls: [
          { workload: 'count', argument: 10_000_000 },
          { workload: 'query', argument: 5 },
        ],
      },
      { name: 'T2', arrivalUs: 4_000, calls: [{ workload: 'count', argument: 2_000_000 }] },
    ]);
  });

  it('refuses counts too long to run', () => {
    expect(() => realTasksFromSpecs(parseTasks('cpu:3600s'), { scale: 100, calibration: { ...calibration, nodeNsPerIteration: 0.01 }, io: 'sleep' })).toThrow(
      /too long/,
    );
  });

  it('says what CPython would have needed for the real loop', () => {
    const tasks = realTasksFromSpecs(parseTasks('cpu:10ms'), { scale: 1, calibration, io: 'sleep' });
    expect(describeRealCounts(tasks, calibration)).toBe(
      'real count: up to 10,000,000 iterations a task, ≈ 10ms here at 1 ns/iteration (test); CPython would need ≈ 1s for that loop',
    );
  });

  it('names where the cost per iteration came from: built in, or `calibrate` of a day', () => {
    const built = { scale: 1, calibration: TUTORIAL_CALIBRATION, io: 'sleep' as const };
    expect(describeRealCounts(realTasksFromSpecs(parseTasks('cpu:10ms'), built), TUTORIAL_CALIBRATION)).toMatch(
      /at 0\.85 ns\/iteration \(built-in figure; `concur-tui calibrate` measures this machine\)/,
    );
    const stored = toCalibration({
      version: 1,
      measuredAt: '2026-12-01T10:00:00.000Z',
      node: 'v20.20.2',
      nodeNsPerIteration: 1.59,
      cpythonNsPerIteration: null,
      python: null,
      machine: 'test × 2',
    });
    const tasks = realTasksFromSpecs(parseTasks('cpu:10ms'), { scale: 1, calibration: stored, io: 'sleep' });
    expect(describeRealCounts(tasks, stored)).toMatch(/at 1\.59 ns\/iteration \(`calibrate` of 2026-12-01\)/);
  });
});
