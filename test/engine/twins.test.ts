import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, emulate, isReal, pairRuns, type RealRun, type RealStrategy, type Run } from '../../src/engine/index.js';
import { parseTasks } from '../../src/engine/task-spec.js';

const emulated = emulate({ workload: 'w', tasks: parseTasks('cpu:10ms,cpu:10ms'), notes: [] }, ['sequential', 'threads', 'thread-pool'], DEFAULT_PARAMS).runs;

const realRun = (strategy: RealStrategy): RealRun => ({
  ...emulated[0]!,
  source: 'real',
  strategy,
  setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
});

describe('pairRuns', () => {
  it('pairs each emulated strategy with its real twin, in the emulated order', () => {
    const real = [realRun('threads'), realRun('sequential')];
    const pairs = pairRuns(emulated, real);
    expect(pairs.map((p) => [p.strategy, p.emulated?.strategy, p.real?.strategy])).toEqual([
      ['sequential', 'sequential', 'sequential'],
      ['threads', 'threads', 'threads'],
      // A real run is compared with one emulated strategy only: the pool shares `worker` with threads.
      ['thread-pool', 'thread-pool', undefined],
    ]);
  });

  it('adds a pair for a real run whose twin was not emulated, and ignores runs of the wrong source', () => {
    const real: Run[] = [realRun('processes'), emulated[0]!];
    const pairs = pairRuns(emulated.slice(0, 1), real);
    expect(pairs.map((p) => [p.strategy, p.emulated?.strategy, p.real?.strategy])).toEqual([
      ['sequential', 'sequential', undefined],
      ['processes', undefined, 'processes'],
    ]);
    expect(pairs.every((p) => p.real === undefined || isReal(p.real))).toBe(true);
  });
});
