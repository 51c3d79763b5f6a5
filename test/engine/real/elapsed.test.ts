import { describe, expect, it } from 'vitest';
import { findScenario } from '../../../src/engine/scenario.js';
import { realTasksFromScenario } from '../../../src/engine/real/real-tasks.js';
import type { RealStrategy } from '../../../src/engine/real/strategy-context.js';
import { TUTORIAL_CALIBRATION } from '../../../src/workloads/calibration.js';
import type { Run } from '../../../src/engine/runs.js';
import { runReal } from './helpers.js';

const addSub = realTasksFromScenario(findScenario('add-sub'), { scale: 1, calibration: TUTORIAL_CALIBRATION, io: 'sleep' });
const hasSpawn = (run: Run) => run.spans.some((span) => span.state === 'spawn');

/** `rounds` runs of each strategy, interleaved (A B A B …) so that load hits both alike. */
async function interleaved(strategies: readonly RealStrategy[], rounds: number): Promise<Run[][]> {
  const runs: Run[][] = strategies.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, strategy] of strategies.entries()) runs[i]!.push(await runReal({ strategy, tasks: addSub }));
  }
  return runs;
}

describe('elapsed: from the strategy’s own start to the last task’s end, as in the emulator', () => {
  it('sequential and async run on a host worker started before the clock: no spawn of theirs, and add-sub takes them alike', async () => {
    const [sequential, asyncRuns] = await interleaved(['sequential', 'async'], 20);
    for (const run of [...sequential!, ...asyncRuns!]) {
      expect(run.tasks.every((task) => task.error === undefined)).toBe(true);
      // The host's start-up (90–150 ms of worker start) is infrastructure, not the strategy's.
      expect(hasSpawn(run)).toBe(false);
    }
    // Two trivial functions: one thread or one loop, the same work. The fastest of each (load
    // only ever adds; of 20 each, one is nearly always untouched) may differ by noise, never by a start-up one side pays.
    const fastest = (runs: Run[]) => Math.min(...runs.map((run) => run.elapsedUs));
    expect(fastest(sequential!) / fastest(asyncRuns!)).toBeLessThanOrEqual(1.3);
    expect(fastest(asyncRuns!) / fastest(sequential!)).toBeLessThanOrEqual(1.3);
  }, 120_000);

  it('threads and pools count their own start-up, drawn as spawn', async () => {
    for (const strategy of ['threads', 'processes', 'thread-pool', 'process-pool'] as const) {
      const run = await runReal({ strategy, tasks: addSub });
      expect(run.tasks.every((task) => task.error === undefined)).toBe(true);
      expect(hasSpawn(run)).toBe(true);
    }
  }, 60_000);
});
