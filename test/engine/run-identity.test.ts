import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  GIL_MODES,
  SCENARIOS,
  TUTORIAL_CALIBRATION,
  emulate,
  emulateRun,
  presentAs,
  runIdentity,
  scenarioTasks,
  type EmulatedStrategy,
  type EmulatorParams,
  type TaskSpec,
} from '../../src/engine/index.js';
import { spanColumnsOf } from '../../src/engine/span-columns.js';
import { arbitraryParams, arbitraryTasks } from './emulator/arbitraries.js';

/** The run kept for `strategy`'s identity at `keptWith`, shown for `params`, as JSON (byte for byte). */
function reused(tasks: readonly TaskSpec[], strategy: EmulatedStrategy, keptWith: EmulatorParams, params: EmulatorParams): string {
  const identity = runIdentity(tasks, strategy, keptWith);
  return JSON.stringify(presentAs(emulateRun(tasks, identity.emulated, keptWith).run, tasks, strategy, params));
}

const fresh = (tasks: readonly TaskSpec[], strategy: EmulatedStrategy, params: EmulatorParams) => JSON.stringify(emulateRun(tasks, strategy, params).run);

/** GIL settings a key can change: the model and each of its parameters. */
const GIL_VARIANTS: Partial<EmulatorParams>[] = [
  ...GIL_MODES.map((gil) => ({ gil })),
  { gil: 'new', switchIntervalUs: 1_000 },
  { gil: 'old', checkInterval: 30, seed: 9 },
];

describe('run identity: equal keys mean byte-identical runs', () => {
  it('whatever the GIL, a run whose key did not change is the run a fresh emulation gives (every scenario and strategy)', () => {
    for (const scenario of SCENARIOS) {
      const tasks = scenarioTasks(scenario, TUTORIAL_CALIBRATION);
      const base = { ...DEFAULT_PARAMS, ...scenario.machine };
      for (const strategy of EMULATED_STRATEGIES) {
        for (const variant of GIL_VARIANTS) {
          const params = { ...base, ...variant };
          if (runIdentity(tasks, strategy, params).key !== runIdentity(tasks, strategy, base).key) continue;
          expect(reused(tasks, strategy, base, params), `${scenario.name} ${strategy} ${JSON.stringify(variant)}`).toBe(fresh(tasks, strategy, params));
        }
      }
    }
  });

  it('the GIL keys cannot change sequential, processes, async or a process pool; they do change threads', () => {
    const tasks = scenarioTasks(SCENARIOS.find((s) => s.name === 'count')!, TUTORIAL_CALIBRATION);
    const keys = (strategy: EmulatedStrategy) => new Set(GIL_VARIANTS.map((variant) => runIdentity(tasks, strategy, { ...DEFAULT_PARAMS, ...variant }).key));
    for (const strategy of ['sequential', 'processes', 'async', 'process-pool'] as const) expect(keys(strategy).size, strategy).toBe(1);
    expect(keys('threads').size).toBe(GIL_VARIANTS.length);
  });

  it('emulate() emulates an identity once: the thread pool shows the threads run, its columns unbuilt, byte for byte a fresh one', () => {
    const tasks = scenarioTasks(SCENARIOS.find((s) => s.name === 'count')!, TUTORIAL_CALIBRATION);
    const trace = emulate({ workload: 'count', tasks, notes: [] }, ['threads', 'thread-pool'], DEFAULT_PARAMS);
    const [threads, pool] = trace.runs;
    expect(spanColumnsOf(pool!)).toBeDefined();
    expect(spanColumnsOf(pool!)).toBe(spanColumnsOf(threads!));
    expect(JSON.stringify(pool)).toBe(JSON.stringify({ ...emulateRun(tasks, 'thread-pool', DEFAULT_PARAMS).run, speedupVsSequential: null }));
  });

  it('a thread pool with a worker for every task, all arriving at once, is the threads run (one emulation for both)', () => {
    const tasks = scenarioTasks(SCENARIOS.find((s) => s.name === 'count')!, TUTORIAL_CALIBRATION);
    expect(runIdentity(tasks, 'thread-pool', DEFAULT_PARAMS)).toEqual(runIdentity(tasks, 'threads', DEFAULT_PARAMS));
    expect(runIdentity(tasks, 'thread-pool', { ...DEFAULT_PARAMS, workers: 1 }).emulated).toBe('thread-pool');
    const late = tasks.map((task, i) => ({ ...task, arrivalUs: i * 1_000 }));
    expect(runIdentity(late, 'thread-pool', DEFAULT_PARAMS).emulated).toBe('thread-pool');
  });

  it('for random tasks and parameters, any two settings with equal keys give the same run (property)', () => {
    fc.assert(
      fc.property(
        arbitraryTasks,
        arbitraryParams,
        arbitraryParams,
        fc.constantFrom(...EMULATED_STRATEGIES),
        fc.boolean(),
        (tasks, params, other, strategy, atOnce) => {
          const list = atOnce ? tasks.map((task) => ({ ...task, arrivalUs: 0 })) : tasks;
          // The other setting differs only where a key might not look: the GIL and the pool's width.
          const changed = {
            ...params,
            gil: other.gil,
            switchIntervalUs: other.switchIntervalUs,
            checkInterval: other.checkInterval,
            seed: other.seed,
            workers: other.workers,
          };
          if (runIdentity(list, strategy, params).key !== runIdentity(list, strategy, changed).key) return;
          expect(reused(list, strategy, params, changed)).toBe(fresh(list, strategy, changed));
        },
      ),
      { numRuns: Number(process.env.IDENTITY_RUNS ?? 400) },
    );
  });
});
