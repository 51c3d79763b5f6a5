import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, GIL_MODES, POLICIES, type EmulatorParams, type TaskSpec } from '../../../src/engine/index.js';
import { emulateRun } from '../../../src/engine/emulator/emulate.js';
import type { EmulatedStrategy } from '../../../src/engine/emulator/params.js';
import { serialiseRun } from './run-hash.js';

const cpu = (name: string, us: number, arrivalUs = 0): TaskSpec => ({ name, arrivalUs, phases: [{ kind: 'cpu', us }] });

/** The run with the fast-forward and without it: serialisations and events handled. */
function both(tasks: readonly TaskSpec[], strategy: EmulatedStrategy, params: EmulatorParams) {
  const fast = emulateRun(tasks, strategy, params);
  const full = emulateRun(tasks, strategy, params, { deferEvents: true, fastForward: false });
  return { fast: serialiseRun(fast.run), full: serialiseRun(full.run), events: [fast.events, full.events] as const, run: fast.run };
}

/**
 * Inputs where steady states are common and end in every way one can: long CPU phases beside
 * short ones, I/O, sends and GIL-free work, late arrivals; times on a grid of 50 µs, so that
 * cycles, turn ends, timeouts and phase ends meet at the same microsecond.
 */
const grid = (min: number, max: number) => fc.integer({ min: min / 50, max: max / 50 }).map((n) => n * 50);
const phase = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('cpu' as const), us: grid(100_000, 1_000_000) }) },
  fc.record({ kind: fc.constant('cpu' as const), us: grid(50, 3_000) }),
  fc.record({ kind: fc.constant('io' as const), us: grid(50, 20_000) }),
  fc.record({ kind: fc.constant('cpu' as const), us: grid(50, 50_000), gilFree: fc.constant(true) }),
  fc.record({ kind: fc.constant('io' as const), us: grid(50, 200), syscall: fc.constant(true) }),
);
const tasks = fc
  .array(fc.record({ arrivalUs: fc.oneof(fc.constant(0), grid(0, 100_000)), phases: fc.array(phase, { minLength: 1, maxLength: 3 }) }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((list): TaskSpec[] => list.map((spec, i) => ({ name: `T${i + 1}`, ...spec })));
const params = fc
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
        tasks,
        params,
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
