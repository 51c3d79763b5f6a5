import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, UsageError, emulate, parseTasks } from '../../../src/engine/index.js';
import { emulateRun } from '../../../src/engine/emulator/emulate.js';
import { MAX_WAKEUPS, estimateWakeups } from '../../../src/engine/emulator/event-budget.js';
import { arbitraryParams, arbitraryTasks } from './arbitraries.js';

describe('the event budget', () => {
  it('bounds the work of every emulation: events ≤ 4 × the estimated wake-ups', () => {
    fc.assert(
      fc.property(arbitraryTasks, arbitraryParams, fc.constantFrom(...EMULATED_STRATEGIES), (tasks, params, strategy) => {
        const { events } = emulateRun(tasks, strategy, params);
        expect(events).toBeLessThanOrEqual(4 * estimateWakeups(tasks, params, strategy) + 16);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses up front what would run for hours, naming the strategy and what to change', () => {
    const started = performance.now();
    const attempt = () => emulate({ workload: 't', tasks: parseTasks('3600s'), notes: [] }, ['sequential'], { ...DEFAULT_PARAMS, quantumUs: 1 });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/emulating sequential could need up to 3,600 M scheduling wake-ups \(the limit is 10 M\)/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('lets the benchmarks’ large cases and the tutorial scenarios through', () => {
    const long = parseTasks('140s,140s');
    expect(estimateWakeups(long, { ...DEFAULT_PARAMS, switchIntervalUs: 100 }, 'threads')).toBeLessThanOrEqual(MAX_WAKEUPS);
    const thousand = parseTasks(Array.from({ length: 10_000 }, () => '10ms').join(','));
    expect(estimateWakeups(thousand, DEFAULT_PARAMS, 'sequential')).toBeLessThan(100_000);
  });
});
