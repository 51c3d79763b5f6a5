import { describe, expect, it, vi } from 'vitest';
import { countCall, ending, runReal, task } from './helpers.js';

/**
 * Loading piscina is a once-per-process cost (~40 ms here): counted inside the run, it made
 * whichever strategy ran first look slower and skewed every speed-up against it. Here the
 * import is made to take 400 ms; a run of a tiny task must not include it.
 */
const IMPORT_DELAY_MS = 400;
vi.mock('../../../src/engine/real/worker-pool.js', async (importOriginal) => {
  await new Promise((resolve) => setTimeout(resolve, IMPORT_DELAY_MS));
  return importOriginal();
});

describe('a real run', () => {
  it('starts its clock after loading the worker pool, so the first run pays no import', async () => {
    const started = performance.now();
    const run = await runReal({ strategy: 'sequential', tasks: [task('tiny', countCall(1_000))] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(IMPORT_DELAY_MS);
    expect(ending(run, 0)).toBe('done');
    // A worker's start-up and a 1,000-iteration count: tens of ms, far below the import delay.
    expect(run.elapsedUs).toBeLessThan(IMPORT_DELAY_MS * 1_000 * 0.75);
    expect(Math.min(...run.spans.map((span) => span.startUs))).toBeGreaterThanOrEqual(0);
  });
});
