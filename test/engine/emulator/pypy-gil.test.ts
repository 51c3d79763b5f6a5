import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  emulate,
  findPreset,
  presetParams,
  TUTORIAL_CALIBRATION,
  type EmulatorParams,
  type Run,
  type TaskSpec,
} from '../../../src/engine/index.js';
import { workloadNamed } from '../../../src/workloads/index.js';
import { PYPY_COUNT_TRACE_OPS, pypyTicksPerIteration, pypyYieldPeriodUs } from '../../../src/engine/emulator/pypy-gil.js';
import { emulateOne, emulateRuns, laneSpans, medianOf } from './helpers.js';

// Real work is measured per interpreter (verify): the JIT's speed-up is not what is tested here.
const pypy = { ...presetParams(findPreset('pypy')!), cpuScalePermille: 1_000 };
const handoffGaps = (run: Run) => run.instants.slice(1).map((instant, i) => instant.atUs - run.instants[i]!.atUs);

describe('PyPy’s GIL', () => {
  it('the holder yields when the ticker runs out: 200 ticks per µs of switch interval, one per iteration of count’s JIT loop', () => {
    expect(pypyTicksPerIteration(PYPY_COUNT_TRACE_OPS)).toBe(1);
    expect(pypyTicksPerIteration(20)).toBe(1);
    expect(pypyTicksPerIteration(640)).toBe(20);
    expect(pypyTicksPerIteration(3_200)).toBe(100);
    expect(pypyTicksPerIteration(50_000)).toBe(100);
    // 10,000 checks × 100 ticks at 5 ms, an iteration of 1.4 ns each: 1.4 ms; linear in the interval.
    expect(pypyYieldPeriodUs(5_000)).toBe(1_400);
    expect(pypyYieldPeriodUs(1_000)).toBe(280);
    expect(pypyYieldPeriodUs(20_000)).toBe(4 * pypyYieldPeriodUs(5_000));
  });

  it('two CPU threads hand the GIL over once a yield period: 1.4 ms at 5 ms, 5.6 ms at 20 ms (pypy3 here: 5.4–5.7 ms at 20 ms)', () => {
    for (const [switchIntervalUs, expected] of [
      [5_000, 1_400],
      [20_000, 5_600],
    ] as const) {
      const run = emulateOne({ tasks: '500ms,500ms', strategy: 'threads', params: { ...pypy, switchIntervalUs } });
      const gap = medianOf(handoffGaps(run));
      expect(gap).toBeGreaterThanOrEqual(expected);
      expect(gap).toBeLessThanOrEqual(expected + 100);
    }
  });

  it('two CPU threads take about sequential time, on two cores as on one', () => {
    for (const cores of [1, 2]) {
      const [sequential, threads] = emulateRuns({ tasks: '500ms,500ms', strategies: ['sequential', 'threads'], params: { ...pypy, cores } });
      const ratio = threads!.elapsedUs / sequential!.elapsedUs;
      expect(ratio).toBeGreaterThan(0.99);
      expect(ratio).toBeLessThan(1.06);
    }
  });

  it('a round trip beside a CPU thread waits for the holder’s next yield: less than a yield period, far less than a switch interval', () => {
    const ops = 100;
    const io: TaskSpec = { name: 'io', arrivalUs: 0, phases: Array.from({ length: ops }, () => workloadNamed('query').cost(1, TUTORIAL_CALIBRATION)).flat() };
    const cpu: TaskSpec = { name: 'cpu', arrivalUs: 0, phases: [{ kind: 'cpu', us: 60_000_000 }] };
    const turnaround = (tasks: TaskSpec[], params: Partial<EmulatorParams>) =>
      emulate({ workload: 'convoy', tasks, notes: [] }, ['threads'], { ...DEFAULT_PARAMS, ...params }).runs[0]!.tasks[0]!.turnaroundUs;
    const perOp = (params: Partial<EmulatorParams>) => (turnaround([io, cpu], params) - turnaround([io], params)) / ops;
    const pypyCost = perOp(pypy);
    const periodUs = pypyYieldPeriodUs(5_000);
    // 1 ms trips lock to the 1.4 ms period: each waits out the rest of it, ~0.4 ms.
    expect(pypyCost).toBeGreaterThan(0.2 * periodUs);
    expect(pypyCost).toBeLessThan(periodUs);
    expect(pypyCost).toBeLessThan(0.5 * perOp({ gil: 'new' }));
  });

  it('an external call releases the GIL without a signal: the waiter steals it at its next 0.1 ms poll', () => {
    const run = emulateOne({ tasks: 'cpu:1ms+io:5ms+cpu:1ms,cpu:3ms', strategy: 'threads', params: { ...pypy, switchCostUs: 0 } });
    const ioStart = laneSpans(run, 0).find((span) => span.state === 'io')!.startUs;
    const stolenAt = laneSpans(run, 1).find((span) => span.state === 'running')!.startUs;
    expect(ioStart).toBe(1_000);
    // T2 has waited since 0: its polls fall at 100, 200, … µs, the first after T1's release wins.
    expect(stolenAt).toBe(1_100);
  });
});
