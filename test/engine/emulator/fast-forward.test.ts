import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, type EmulatorParams, type TaskSpec } from '../../../src/engine/index.js';
import { emulateRun } from '../../../src/engine/emulator/emulate.js';
import type { EmulatedStrategy } from '../../../src/engine/emulator/params.js';
import { steadyStateParams, steadyStateTasks } from './arbitraries.js';
import { serialiseRun } from './run-hash.js';

const cpu = (name: string, us: number, arrivalUs = 0): TaskSpec => ({ name, arrivalUs, phases: [{ kind: 'cpu', us }] });

/** The run with the fast-forward and without it: serialisations and events handled. */
function both(tasks: readonly TaskSpec[], strategy: EmulatedStrategy, params: EmulatorParams) {
  const fast = emulateRun(tasks, strategy, params);
  const full = emulateRun(tasks, strategy, params, { deferEvents: true, fastForward: false });
  return { fast: serialiseRun(fast.run), full: serialiseRun(full.run), events: [fast.events, full.events] as const, run: fast.run };
}

describe('fast-forward of a periodic steady state', () => {
  it("skips the issue's SimPy case (2 × 12.5 s, 2 cores, new GIL 5 ms, 0.1 ms slices) after a few cycles, span for span the same", () => {
    const params = { ...DEFAULT_PARAMS, cores: 2, quantumUs: 100, switchCostUs: 0, switchIntervalUs: 5_000 };
    const { fast, full, events, run } = both([cpu('T1', 12_500_000), cpu('T2', 12_500_000)], 'threads', params);
    expect(fast).toBe(full);
    expect(run.gilHandoffs).toBe(4_999);
    expect(run.spans).toHaveLength(10_001);
    expect(events[0]).toBeLessThanOrEqual(100);
    expect(events[1]).toBeGreaterThanOrEqual(10_000);
  });

  it('skips threads that trade the GIL with a context-switch cost and an interval shorter than the slice', () => {
    for (const switchIntervalUs of [100, 5_000]) {
      const params = { ...DEFAULT_PARAMS, switchIntervalUs };
      const { fast, full, events } = both([cpu('A', 1_000_000), cpu('B', 1_000_000), cpu('C', 600_000, 30_000)], 'threads', params);
      expect(fast).toBe(full);
      expect(events[0]).toBeLessThan(events[1] / 4);
    }
  });

  it('skips threads without a GIL taking turns on one core (count on a free-threaded build at a 0.1 ms slice)', () => {
    const params = { ...DEFAULT_PARAMS, cores: 1, quantumUs: 100, gil: 'none' as const };
    const { fast, full, events, run } = both([cpu('T1', 2_000_000), cpu('T2', 2_000_000), cpu('T3', 500_000, 7_000)], 'threads', params);
    expect(fast).toBe(full);
    expect(run.contextSwitches).toBeGreaterThan(40_000);
    expect(events[0]).toBeLessThan(1_000);
    expect(events[1]).toBeGreaterThan(40_000);
  });

  it("skips PyPy's holders yielding the GIL to a waiter every period", () => {
    const params = { ...DEFAULT_PARAMS, gil: 'pypy' as const };
    const { fast, full, events, run } = both([cpu('T1', 2_000_000), cpu('T2', 2_000_000), cpu('T3', 1_000_000)], 'threads', params);
    expect(fast).toBe(full);
    expect(run.gilHandoffs).toBeGreaterThan(3_000);
    expect(events[0]).toBeLessThan(events[1] / 10);
  });

  it('gives the same run as without it, span for span, over random workloads (and skips in some of them)', () => {
    let skipped = 0;
    let cases = 0;
    fc.assert(
      fc.property(
        steadyStateTasks,
        steadyStateParams,
        fc.constantFrom(...EMULATED_STRATEGIES, 'threads' as const, 'threads' as const, 'thread-pool' as const),
        (taskList, drawn, strategy) => {
          const { fast, full, events } = both(taskList, strategy, drawn);
          cases++;
          if (events[0] < events[1]) skipped++;
          expect(fast).toBe(full);
        },
      ),
      { numRuns: Number(process.env.FAST_FORWARD_RUNS ?? 300), seed: Number(process.env.FAST_FORWARD_SEED ?? 15) },
    );
    // The property is worth something only if the fast path ran in a good share of the cases.
    expect(skipped).toBeGreaterThan(cases / 20);
  });
});
