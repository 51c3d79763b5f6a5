import fc from 'fast-check';
import { EMULATED_STRATEGIES, type EmulatorParams, type TaskSpec } from '../../../src/engine/index.js';

/** Random emulator inputs for property tests (small enough to run thousands of cases). */
const phase = fc.record({ kind: fc.constantFrom('cpu' as const, 'io' as const), us: fc.integer({ min: 1, max: 20_000 }) });
const task = fc.record({
  arrivalUs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
  phases: fc.array(phase, { minLength: 1, maxLength: 4 }),
});

export const arbitraryTasks = fc.array(task, { minLength: 1, maxLength: 6 }).map((list): TaskSpec[] => list.map((spec, i) => ({ name: `T${i + 1}`, ...spec })));

// Thread start-up is added after drawing, so that the recorded random cases (golden.test.ts) stay the same draws.
export const arbitraryParams = fc
  .record({
    cores: fc.integer({ min: 1, max: 4 }),
    quantumUs: fc.integer({ min: 1, max: 10_000 }),
    switchCostUs: fc.integer({ min: 0, max: 300 }),
    policy: fc.constantFrom('rr' as const, 'fifo' as const, 'sjf' as const),
    gil: fc.constantFrom('none' as const, 'new' as const, 'old' as const),
    switchIntervalUs: fc.integer({ min: 1, max: 10_000 }),
    checkInterval: fc.integer({ min: 1, max: 1_000 }),
    cpuScalePermille: fc.constantFrom(1_000, 1_400, 100),
    spawnCostUs: fc.integer({ min: 0, max: 5_000 }),
    workers: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 1_000 }),
  })
  // In EmulatorParams' own order, which the trace JSON keeps.
  .map(({ workers, seed, ...params }): EmulatorParams => ({ ...params, threadSpawnCostUs: 0, interpreterSpawnCostUs: 10_000, workers, seed }));

export const arbitraryStrategies = fc.subarray([...EMULATED_STRATEGIES], { minLength: 1 });
