import { describe, expect, it } from 'vitest';
import { failureNotes, formatSpeedup, summaryRows } from '../../src/engine/summary.js';
import type { RealStrategy } from '../../src/engine/real/strategy-context.js';
import type { Run } from '../../src/engine/runs.js';
import { withSpeedups } from '../../src/engine/trace.js';

function run(strategy: RealStrategy, elapsedUs: number, errors: (string | undefined)[]): Run {
  return {
    source: 'real',
    strategy,
    elapsedUs,
    cpuUtilization: 0.5,
    contextSwitches: 0,
    gilHandoffs: 0,
    speedupVsSequential: null,
    setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
    cores: 2,
    tasks: errors.map((error, i) => ({
      name: `T${i + 1}`,
      arrivalUs: 0,
      responseUs: 0,
      turnaroundUs: elapsedUs,
      waitUs: 0,
      cpuUs: 0,
      finishUs: elapsedUs,
      ...(error ? { error } : {}),
    })),
    lanes: [],
    spans: [],
    instants: [],
  };
}

describe('speed-ups and the fastest mark', () => {
  it('a run cut short by a failure has no speedup and is never the fastest', () => {
    const runs = withSpeedups([
      run('sequential', 1_000, [undefined, undefined]),
      run('async', 100, ['timed out', undefined]),
      run('threads', 500, [undefined, undefined]),
    ]);
    expect(runs.map((r) => r.speedupVsSequential)).toEqual([1, null, 2]);
    expect(summaryRows(runs).map((row) => [row.strategy, row.best, row.failed])).toEqual([
      ['sequential', false, 0],
      ['async', false, 1],
      ['threads', true, 0],
    ]);
  });

  it('marks one run per column when several tie for the fastest: the first listed', () => {
    const runs = withSpeedups([
      run('sequential', 1_000, [undefined, undefined]),
      run('processes', 500, [undefined, undefined]),
      run('interpreters', 500, [undefined, undefined]),
    ]);
    expect(summaryRows(runs).map((row) => [row.strategy, row.best])).toEqual([
      ['sequential', false],
      ['processes', true],
      ['interpreters', false],
    ]);
  });

  it('no run has a speedup when the sequential run failed', () => {
    const runs = withSpeedups([run('sequential', 1_000, ['killed']), run('threads', 500, [undefined])]);
    expect(runs.map((r) => r.speedupVsSequential)).toEqual([null, null]);
  });
});

describe('failureNotes', () => {
  it('says why, per run and reason, listing at most three task names', () => {
    const runs = [
      run('sequential', 1, ['timed out after 150 ms', 'timed out after 150 ms']),
      run('processes', 1, ['child process killed by SIGKILL', undefined, 'boom', 'boom', 'boom', 'boom', 'boom']),
      run('threads', 1, [undefined]),
    ];
    expect(failureNotes(runs)).toEqual([
      'T1, T2 (sequential): timed out after 150 ms',
      'T1 (processes): child process killed by SIGKILL',
      'T3, T4, T5 and 2 more (processes): boom',
    ]);
  });
});

describe('formatSpeedup', () => {
  it('keeps two decimals, and two significant digits for a strategy ten times slower or more', () => {
    expect([2, 0.994, 0.1, 0.0028, 0.00004].map(formatSpeedup)).toEqual(['2.00', '0.99', '0.10', '0.0028', '0.000040']);
  });
});
