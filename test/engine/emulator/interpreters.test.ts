import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Run } from '../../../src/engine/index.js';
import { emulateRuns } from './helpers.js';

const byStrategy = (runs: Run[]) => Object.fromEntries(runs.map((run) => [run.strategy, run]));

describe('subinterpreters, each with its own GIL', () => {
  const runs = byStrategy(emulateRuns({ scenario: 'count', strategies: ['threads', 'processes', 'interpreters', 'interpreter-pool'] }));

  it('run a CPU-bound count like processes, less the start-up difference', () => {
    const difference = DEFAULT_PARAMS.spawnCostUs - DEFAULT_PARAMS.interpreterSpawnCostUs;
    expect(runs.interpreters!.elapsedUs).toBe(runs.processes!.elapsedUs - difference);
    expect(runs['interpreter-pool']!.elapsedUs).toBe(runs.interpreters!.elapsedUs);
  });

  it('start slower than a thread and faster than a process', () => {
    const startUs = (run: Run) =>
      run.spans.filter((span) => span.state === 'spawn').reduce((sum, span) => sum + span.endUs - span.startUs, 0) / run.lanes.length;
    expect(startUs(runs.threads!)).toBe(0);
    expect(startUs(runs.interpreters!)).toBe(DEFAULT_PARAMS.interpreterSpawnCostUs);
    expect(startUs(runs.interpreters!)).toBeLessThan(startUs(runs.processes!));
  });

  it('start in the interpreter’s own start-up (--interpreter-spawn-cost, or calibrate --python on 3.13+)', () => {
    const [started] = emulateRuns({ scenario: 'count', strategies: ['interpreters'], params: { interpreterSpawnCostUs: 3_000 } });
    expect(started!.spans.filter((span) => span.state === 'spawn').map((span) => span.endUs - span.startUs)).toEqual([3_000, 3_000]);
    expect(started!.elapsedUs).toBe(runs.interpreters!.elapsedUs - (DEFAULT_PARAMS.interpreterSpawnCostUs - 3_000));
  });

  it('never wait for a GIL another interpreter holds', () => {
    expect(runs.interpreters!.gilHandoffs).toBe(0);
    expect(runs.interpreters!.spans.some((span) => span.state === 'gil-wait')).toBe(false);
    expect(runs.interpreters!.lanes.map((lane) => lane.group)).toEqual(['I1', 'I2']);
  });
});
