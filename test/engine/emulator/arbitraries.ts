import fc from 'fast-check';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, GIL_MODES, POLICIES, type EmulatorParams, type TaskSpec } from '../../../src/engine/index.js';

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

/**
 * Inputs where steady states are common and end in every way one can: long CPU phases beside
 * short ones, I/O, sends and GIL-free work, late arrivals; times on a grid of 50 µs, so that
 * cycles, turn ends, timeouts and phase ends meet at the same microsecond.
 */
const grid = (min: number, max: number) => fc.integer({ min: min / 50, max: max / 50 }).map((n) => n * 50);
const steadyStatePhase = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('cpu' as const), us: grid(100_000, 1_000_000) }) },
  fc.record({ kind: fc.constant('cpu' as const), us: grid(50, 3_000) }),
  fc.record({ kind: fc.constant('io' as const), us: grid(50, 20_000) }),
  fc.record({ kind: fc.constant('cpu' as const), us: grid(50, 50_000), gilFree: fc.constant(true) }),
  fc.record({ kind: fc.constant('io' as const), us: grid(50, 200), syscall: fc.constant(true) }),
);
export const steadyStateTasks = fc
  .array(fc.record({ arrivalUs: fc.oneof(fc.constant(0), grid(0, 100_000)), phases: fc.array(steadyStatePhase, { minLength: 1, maxLength: 3 }) }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((list): TaskSpec[] => list.map((spec, i) => ({ name: `T${i + 1}`, ...spec })));
export const steadyStateParams = fc
  .record({
    cores: fc.integer({ min: 1, max: 4 }),
    quantumUs: fc.constantFrom(50, 100, 1_000, 4_000, 10_000),
    switchCostUs: fc.constantFrom(0, 0, 50, 100),
    policy: fc.constantFrom(...POLICIES, 'rr' as const, 'rr' as const),
    gil: fc.constantFrom(...GIL_MODES, 'new' as const, 'new' as const, 'new' as const),
    switchIntervalUs: fc.oneof(grid(50, 2_000), fc.constant(5_000)),
    checkInterval: fc.integer({ min: 1, max: 1_000 }),
    spawnCostUs: fc.constantFrom(0, 100, 1_000),
    workers: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 1_000 }),
  })
  .map((drawn): EmulatorParams => ({ ...DEFAULT_PARAMS, ...drawn }));
