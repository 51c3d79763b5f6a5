import { describe, expect, it } from 'vitest';
import { emulate, resolveLayers, NO_LAYERS } from '../../../src/engine/index.js';
import type { PythonInterpreter } from '../../../src/engine/python/interpreter.js';
import type { PythonCalibration } from '../../../src/engine/python/python-calibration.js';
import { medianHoldUs } from '../../../src/engine/python/hold-period.js';
import { twinDiffers, twinLayer } from '../../../src/engine/python/twin-preset.js';

const cpython = (version: string, more: Partial<PythonInterpreter> = {}): PythonInterpreter => {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return { path: 'python', implementation: 'CPython', version, major, minor, implementationVersion: null, freeThreadedBuild: false, gilEnabled: true, ...more };
};
const pypy: PythonInterpreter = { ...cpython('3.9.16'), implementation: 'PyPy', implementationVersion: '7.3.11' };
const measured = (more: Partial<PythonCalibration> = {}): PythonCalibration => ({
  interpreter: 'CPython 3.11.7, GIL',
  path: 'python3',
  nsPerIteration: 32,
  threadStartUs: 40,
  forkStartUs: 2_500,
  spawnStartUs: 60_000,
  startMethod: 'fork',
  switchIntervalUs: 5_000,
  holdUs: 5_400,
  ...more,
});

describe('the emulated twin follows the interpreter', () => {
  it('3.x → the new GIL, 2.7 → the old one, PyPy → its preset, free-threaded → no GIL', () => {
    expect(twinLayer(cpython('3.11.7'), null)).toMatchObject({ preset: 'cpython-3.12', params: { gil: 'new' } });
    expect(twinLayer(cpython('2.7.18'), null)).toMatchObject({ preset: 'cpython-2.7', params: { gil: 'old' } });
    expect(twinLayer(pypy, null).preset).toBe('pypy');
    expect(twinLayer(cpython('3.13.0', { freeThreadedBuild: true, gilEnabled: false }), null)).toMatchObject({
      preset: 'cpython-3.13t',
      params: { gil: 'none' },
    });
  });

  it('calibrated, the twin runs CPU work at the interpreter’s measured cost and starts a process at its start method’s', () => {
    const { params } = twinLayer(cpython('3.11.7'), { measured: measured(), sizingNsPerIteration: 129.3 });
    expect(params.cpuScalePermille).toBe(Math.round((1_000 * 32) / 129.3));
    expect(params.spawnCostUs).toBe(2_500);
    const spawned = twinLayer(cpython('3.11.7'), { measured: measured({ startMethod: 'spawn' }), sizingNsPerIteration: 32 }).params;
    expect(spawned).toMatchObject({ cpuScalePermille: 1_000, spawnCostUs: 60_000 });
  });

  it('calibrated, the twin starts a thread at the interpreter’s measured thread start, over the machine’s Node worker start', () => {
    const twin = twinLayer(cpython('3.11.7'), { measured: measured({ threadStartUs: 137.4 }), sizingNsPerIteration: 32 });
    expect(twin.params.threadSpawnCostUs).toBe(137);
    // `--calibration machine` also brings this machine's Node worker start (24 ms): the twin's wins.
    const params = resolveLayers({ ...NO_LAYERS, calibrated: { threadSpawnCostUs: 24_000 }, twin }, 'count');
    const tasks = [0, 1].map((i) => ({ name: `T${i}`, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 10_000 }] }));
    const run = emulate({ workload: 'start', tasks, notes: [] }, ['threads'], params).runs[0]!;
    const spawns = run.spans.filter((span) => span.state === 'spawn').map((span) => span.endUs - span.startUs);
    expect(spawns).toEqual([137, 137]);
    expect(twinLayer(cpython('3.11.7'), null).params.threadSpawnCostUs).toBeUndefined();
  });

  it('calibrated on 3.13+, the twin starts a subinterpreter at the interpreter’s measured cost; before 3.13, at the default', () => {
    const on313 = twinLayer(cpython('3.13.0'), { measured: measured({ interpreterStartUs: 9_700.4 }), sizingNsPerIteration: 32 }).params;
    expect(on313.interpreterSpawnCostUs).toBe(9_700);
    for (const interpreterStartUs of [null, undefined]) {
      const older = twinLayer(cpython('3.11.7'), { measured: measured({ interpreterStartUs }), sizingNsPerIteration: 32 }).params;
      expect(older.interpreterSpawnCostUs).toBeUndefined();
    }
  });

  it('calibrated, the twin’s hold period of two CPU threads is the measured one', () => {
    for (const holdUs of [5_150, 5_400, 6_000]) {
      const twin = twinLayer(cpython('3.11.7'), { measured: measured({ holdUs }), sizingNsPerIteration: 32 });
      const params = resolveLayers({ ...NO_LAYERS, twin }, 'count');
      const tasks = [0, 1].map((i) => ({ name: `T${i}`, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 300_000 }] }));
      const hold = medianHoldUs(emulate({ workload: 'hold', tasks, notes: [] }, ['threads'], params).runs[0]!);
      expect(Math.abs(hold - holdUs)).toBeLessThanOrEqual(5);
    }
  });

  it('the twin differs when the user chose another GIL or preset, not when they keyed a switch interval', () => {
    const twin = twinLayer(cpython('2.7.18'), null);
    const params = resolveLayers({ ...NO_LAYERS, twin }, 'count');
    expect(twinDiffers(twin, params, null)).toBe(false);
    expect(twinDiffers(twin, { ...params, switchIntervalUs: 1_000 }, null)).toBe(false);
    expect(twinDiffers(twin, { ...params, gil: 'new' }, null)).toBe(true);
    expect(twinDiffers(twin, params, 'cpython-3.12')).toBe(true);
    expect(twinDiffers(twin, params, 'cpython-2.7')).toBe(false);
  });
});
