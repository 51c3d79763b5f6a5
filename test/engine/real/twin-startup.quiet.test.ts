import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, emulate, parseTasks } from '../../../src/engine/index.js';
import { measureStartupCosts } from '../../../src/engine/real/startup-costs.js';
import { runReal } from './helpers.js';

const TASKS = 20;

// A quiet test (run alone after the suite): it compares a real run's elapsed time with its emulated
// twin's, which a machine busy with the rest of the suite (its files run in parallel) skewed past 2×.
describe('start-up costs, measured here, make the emulated twin match the real run', () => {
  it('20 × io:100ms with threads: a thread per task, real and emulated within 2× of each other', async () => {
    // Measured around the real run, so both see the machine as loaded as it was.
    const before = await measureStartupCosts(3);
    const real = await runReal({
      strategy: 'threads',
      gil: 'new',
      tasks: Array.from({ length: TASKS }, (_, i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls: [{ workload: 'sleep', argument: 100 }] })),
    });
    const after = await measureStartupCosts(3);
    expect(real.tasks.every((task) => task.error === undefined)).toBe(true);
    // The real run started one thread per task: 20 lanes, each its own spawn.
    expect(new Set(real.spans.filter((span) => span.state === 'spawn').map((span) => span.lane)).size).toBe(TASKS);

    const threadSpawnCostUs = Math.round((before.threadUs + after.threadUs) / 2);
    const tasks = parseTasks(Array.from({ length: TASKS }, () => 'io:100ms').join(','));
    const [emulated] = emulate({ workload: 'tasks', tasks, notes: [] }, ['threads'], { ...DEFAULT_PARAMS, threadSpawnCostUs }).runs;
    // Both are 100 ms of sleep plus the threads' start-up.
    expect(emulated!.elapsedUs).toBeGreaterThan(100_000 + threadSpawnCostUs);
    expect(real.elapsedUs).toBeGreaterThan(100_000);
    const ratio = real.elapsedUs / emulated!.elapsedUs;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  }, 120_000);
});
