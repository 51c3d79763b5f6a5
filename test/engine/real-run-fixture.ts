import type { RealStrategy, Run } from '../../src/engine/index.js';

/**
 * A real Node run of two CPU-bound tasks (`count-1`, `count-2`) on 2 cores, each busy for the
 * whole `elapsedUs`, without spans: what the table tests need. `error` fails the first task.
 */
export function realRunOfTwo(strategy: RealStrategy, elapsedUs: number, error?: string): Run {
  const task = (name: string, failed?: string) => ({
    name,
    arrivalUs: 0,
    responseUs: 0,
    turnaroundUs: elapsedUs,
    waitUs: 0,
    cpuUs: elapsedUs,
    finishUs: elapsedUs,
    ...(failed ? { error: failed } : {}),
  });
  return {
    source: 'real',
    strategy,
    elapsedUs,
    cpuUtilization: 0.5,
    contextSwitches: 3,
    gilHandoffs: 0,
    speedupVsSequential: null,
    cores: 2,
    setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
    tasks: [task('count-1', error), task('count-2')],
    lanes: [
      { id: 0, name: 'count-1', group: 'pool', arrivalUs: 0 },
      { id: 1, name: 'count-2', group: 'pool', arrivalUs: 0 },
    ],
    spans: [],
    instants: [],
  };
}
