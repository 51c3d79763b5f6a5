import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, emulate, emulatedSetup, type GilMode } from '../../src/engine/index.js';
import { parseTasks } from '../../src/engine/task-spec.js';

const shared = { runtime: 'emulator', cores: 2, quantumUs: 4_000, switchCostUs: 50, policy: 'rr', cpuScalePermille: 1_000 };

describe('emulatedSetup', () => {
  it.each<[GilMode, object]>([
    ['none', {}],
    ['new', { switchIntervalUs: 5_000 }],
    ['old', { checkInterval: 100, seed: 1 }],
  ])('records the GIL %s with only its own parameters', (gil, own) => {
    expect(emulatedSetup('threads', { ...DEFAULT_PARAMS, gil })).toStrictEqual({ ...shared, gil, ...own, threadSpawnCostUs: 0 });
  });

  it('records workers only for pools, and each spawn cost only where its threads or processes start', () => {
    const keys = Object.fromEntries(
      EMULATED_STRATEGIES.map((s) => [
        s,
        Object.keys(emulatedSetup(s, { ...DEFAULT_PARAMS, gil: 'none' })).filter(
          (k) => k === 'workers' || k === 'spawnCostUs' || k === 'threadSpawnCostUs' || k === 'interpreterSpawnCostUs',
        ),
      ]),
    );
    expect(keys).toEqual({
      sequential: [],
      threads: ['threadSpawnCostUs'],
      processes: ['spawnCostUs'],
      async: [],
      'thread-pool': ['threadSpawnCostUs', 'workers'],
      'process-pool': ['spawnCostUs', 'workers'],
      interpreters: ['interpreterSpawnCostUs'],
      'interpreter-pool': ['interpreterSpawnCostUs', 'workers'],
    });
  });

  it('is stored on every emulated run, with the parameters it was emulated with', () => {
    const params = { ...DEFAULT_PARAMS, cores: 3, workers: 5 };
    const trace = emulate({ workload: 'w', tasks: parseTasks('cpu:1ms'), notes: [] }, ['process-pool'], params);
    expect(trace.runs[0]!.setup).toMatchObject({ runtime: 'emulator', cores: 3, workers: 5, spawnCostUs: 20_000, gil: 'new' });
  });
});
