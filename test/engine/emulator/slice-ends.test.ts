import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, GIL_MODES, POLICIES, type EmulatorParams, type TaskSpec } from '../../../src/engine/index.js';
import { emulateRun } from '../../../src/engine/emulator/emulate.js';
import type { EmulatedStrategy } from '../../../src/engine/emulator/params.js';
import { serialiseRun } from './run-hash.js';

const cpu = (name: string, us: number, arrivalUs = 0): TaskSpec => ({ name, arrivalUs, phases: [{ kind: 'cpu', us }] });

/** The run's serialisation and its event count, with slice ends nobody waits for deferred or not. */
function both(tasks: readonly TaskSpec[], strategy: EmulatedStrategy, params: EmulatorParams) {
  const deferred = emulateRun(tasks, strategy, params, { deferEvents: true, fastForward: false });
  const scheduled = emulateRun(tasks, strategy, params, { deferEvents: false, fastForward: false });
  return { deferred: serialiseRun(deferred.run), scheduled: serialiseRun(scheduled.run), events: [deferred.events, scheduled.events] as const };
}

/**
 * Inputs that make things happen at the same microsecond: durations, arrivals, time slices and
 * GIL periods on a grid of 50 µs, so turn ends of several cores fall together and meet arrivals,
 * I/O completions and GIL timeouts; sends (I/O on the core) and GIL-free CPU work included.
 */
const grid = (min: number, max: number) => fc.integer({ min: min / 50, max: max / 50 }).map((n) => n * 50);
const phase = fc.oneof(
  fc.record({ kind: fc.constant('cpu' as const), us: grid(50, 3_000) }),
  fc.record({ kind: fc.constant('io' as const), us: grid(50, 2_000) }),
  fc.record({ kind: fc.constant('cpu' as const), us: grid(50, 1_000), gilFree: fc.constant(true) }),
  fc.record({ kind: fc.constant('io' as const), us: grid(50, 200), syscall: fc.constant(true) }),
);
const tasks = fc
  .array(fc.record({ arrivalUs: fc.oneof(fc.constant(0), grid(0, 2_000)), phases: fc.array(phase, { minLength: 1, maxLength: 4 }) }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((list): TaskSpec[] => list.map((spec, i) => ({ name: `T${i + 1}`, ...spec })));
const params = fc
  .record({
    cores: fc.integer({ min: 1, max: 4 }),
    quantumUs: fc.constantFrom(50, 100, 150, 200, 500, 1_000),
    switchCostUs: fc.constantFrom(0, 0, 50, 100),
    policy: fc.constantFrom(...POLICIES, 'rr' as const, 'rr' as const),
    gil: fc.constantFrom(...GIL_MODES),
    switchIntervalUs: grid(50, 2_000),
    checkInterval: fc.integer({ min: 1, max: 1_000 }),
    spawnCostUs: fc.constantFrom(0, 100, 1_000),
    workers: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 1_000 }),
  })
  .map((drawn): EmulatorParams => ({ ...DEFAULT_PARAMS, ...drawn }));

describe('slice ends nobody waits for', () => {
  it('a thread alone on its core makes no event at its turn ends', () => {
    const { deferred, scheduled, events } = both([cpu('T1', 1_000_000)], 'threads', { ...DEFAULT_PARAMS, cores: 1, quantumUs: 100 });
    expect(deferred).toBe(scheduled);
    expect(events[0]).toBeLessThanOrEqual(4); // arrival, start, dispatch, the end
    expect(events[1]).toBeGreaterThanOrEqual(10_000);
  });

  it("the issue's SimPy case (2 × 12.5 s, 2 cores, new GIL 5 ms, 0.1 ms slices) takes a few events per GIL hand-off, not one per slice", () => {
    const params: EmulatorParams = { ...DEFAULT_PARAMS, cores: 2, quantumUs: 100, switchCostUs: 0, gil: 'new', switchIntervalUs: 5_000 };
    const { deferred, scheduled, events } = both([cpu('T1', 12_500_000), cpu('T2', 12_500_000)], 'threads', params);
    expect(deferred).toBe(scheduled);
    const handoffs = emulateRun([cpu('T1', 12_500_000), cpu('T2', 12_500_000)], 'threads', params).run.gilHandoffs;
    expect(handoffs).toBe(4_999);
    expect(events[0]).toBeLessThanOrEqual(4 * handoffs);
    expect(events[1]).toBeGreaterThan(250_000);
  });

  it('cores whose turns end together keep their order when an arrival lands on the turn end', () => {
    // Two processes start together on 2 cores (turn ends at 1000, 2000, … on both); T3 and T4
    // arrive exactly on a turn end, so which core is preempted first decides the queue's order.
    const list = [cpu('T1', 10_000), cpu('T2', 10_000), cpu('T3', 3_000, 3_000), cpu('T4', 1_000, 3_000)];
    for (const gil of GIL_MODES) {
      const { deferred, scheduled, events } = both(list, 'processes', { ...DEFAULT_PARAMS, quantumUs: 1_000, switchCostUs: 0, spawnCostUs: 0, gil });
      expect(deferred).toBe(scheduled);
      expect(events[0]).toBeLessThan(events[1]);
    }
  });

  it('slice ends of two cores at one instant keep the order in which they were scheduled', () => {
    // T1 (core 0, turn ends every 100 µs from 0) and T2's GIL-free work (core 1, from 50) both end
    // at 730: T2's end was scheduled at its turn end 650, T1's at 700, so T2 comes first, finds the
    // GIL held and waits; T1 then releases it to the longest waiter, T3. The other order would let
    // T2 take the GIL that T1 just released.
    const list: TaskSpec[] = [
      {
        name: 'T1',
        arrivalUs: 0,
        phases: [
          { kind: 'cpu', us: 730 },
          { kind: 'io', us: 1_000 },
        ],
      },
      {
        name: 'T2',
        arrivalUs: 50,
        phases: [
          { kind: 'cpu', us: 680, gilFree: true },
          { kind: 'cpu', us: 100 },
        ],
      },
      { name: 'T3', arrivalUs: 10, phases: [{ kind: 'cpu', us: 100 }] },
    ];
    const { deferred, scheduled, events } = both(list, 'threads', { ...DEFAULT_PARAMS, quantumUs: 100, switchCostUs: 0, gil: 'new' });
    expect(deferred).toBe(scheduled);
    expect(events[0]).toBeLessThan(events[1]);
  });

  it('gives the same run, span for span, as scheduling every slice end (random instants on a 50 µs grid)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(tasks, params, fc.constantFrom(...EMULATED_STRATEGIES), (list, drawn, strategy) => {
        const { deferred, scheduled, events } = both(list, strategy, drawn);
        expect(deferred).toBe(scheduled);
        expect(events[0]).toBeLessThanOrEqual(events[1]);
      }),
      { numRuns: Number(process.env.SLICE_RUNS ?? 3_000), seed: Number(process.env.SLICE_SEED ?? 15) },
    );
  });
});
