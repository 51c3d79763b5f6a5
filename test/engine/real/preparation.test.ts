import { describe, expect, it, vi } from 'vitest';
import { countCall, ending, runReal, task } from './helpers.js';

/**
 * Loading piscina is a once-per-process cost (~40 ms here): counted inside the run, it made
 * whichever strategy ran first look slower and skewed every speed-up against it. Here the
 * import is made to take 400 ms; a run of a tiny task must not include it.
 */
const IMPORT_DELAY_MS = 400;
const imported = vi.hoisted(() => ({ atMs: Number.NaN }));
vi.mock('../../../src/engine/real/worker-pool.js', async (importOriginal) => {
  await new Promise((resolve) => setTimeout(resolve, IMPORT_DELAY_MS));
  imported.atMs = performance.now();
  return importOriginal();
});

describe('a real run', () => {
  it('starts its clock after loading the worker pool, so the first run pays no import', async () => {
    const started = performance.now();
    const run = await runReal({ strategy: 'sequential', tasks: [task('tiny', countCall(1_000))] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(IMPORT_DELAY_MS);
    expect(ending(run, 0)).toBe('done');
    // The run's clock started once the import was done: the run fits between then and now,
    // however long the worker took to start (no guess of how long that is on a busy machine).
    expect(run.elapsedUs).toBeLessThanOrEqual((performance.now() - imported.atMs) * 1_000 + 1);
    expect(Math.min(...run.spans.map((span) => span.startUs))).toBeGreaterThanOrEqual(0);
  });
});
