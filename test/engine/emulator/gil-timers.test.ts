import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type TaskSpec } from '../../../src/engine/index.js';
import { emulateRun } from '../../../src/engine/emulator/emulate.js';
import { serialiseRun } from './run-hash.js';

describe('GIL timers', () => {
  it('a timed wait that the holder signals in the same instant never becomes an event: a new-GIL hand-off takes four', () => {
    // Two CPU threads at a 100 µs switch interval: per hand-off the waiter's timeout, then three
    // dispatches (the waiter, the waiter again once signalled, the dropper). The waiter's second
    // timed wait, cancelled by the drop it requested, used to stay in the queue until popped as stale.
    const tasks: TaskSpec[] = ['A', 'B'].map((name) => ({ name, arrivalUs: 0, phases: [{ kind: 'cpu', us: 1_000_000 }] }));
    const params = { ...DEFAULT_PARAMS, switchIntervalUs: 100 };
    const deferred = emulateRun(tasks, 'threads', params, { deferEvents: true, fastForward: false });
    const scheduled = emulateRun(tasks, 'threads', params, { deferEvents: false, fastForward: false });
    expect(serialiseRun(deferred.run)).toBe(serialiseRun(scheduled.run));
    const handoffs = deferred.run.gilHandoffs;
    expect(handoffs).toBe(10_000);
    expect(deferred.events).toBeLessThanOrEqual(4 * handoffs + 50);
    expect(scheduled.events).toBeGreaterThanOrEqual(6 * handoffs);
  });
});
