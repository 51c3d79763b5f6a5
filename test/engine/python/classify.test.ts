import { describe, expect, it } from 'vitest';
import { classifyThread, handoffs } from '../../../src/engine/python/classify.js';
import type { ThreadSample } from '../../../src/engine/python/thread-sampler.js';

/** Samples every 1,000 µs: `cpu` µs on a core in each, runnable or asleep at its end. */
function samples(steps: [cpuUs: number, state: 'R' | 'lock' | 'sleep'][]): ThreadSample[] {
  let onCpuNs = 0;
  return [{ atUs: 0, onCpuNs: 0, runQueueNs: 0, timeslices: 0, runnable: true, onLock: false }].concat(
    steps.map(([cpuUs, state], i) => {
      onCpuNs += cpuUs * 1_000;
      return { atUs: (i + 1) * 1_000, onCpuNs, runQueueNs: 0, timeslices: i, runnable: state === 'R', onLock: state === 'lock' };
    }),
  );
}

const states = (lane: number, from: ThreadSample[], startUs: number, endUs: number) =>
  classifyThread(lane, from, startUs, endUs, 'running').map((span) => [span.state, span.startUs, span.endUs]);

describe('classifyThread', () => {
  it('on-CPU time advancing is running; asleep on a lock is gil-wait; runnable off the CPU is ready', () => {
    const taken = samples([
      [1_000, 'R'],
      [1_000, 'R'],
      [0, 'lock'],
      [0, 'lock'],
      [0, 'R'],
      [1_000, 'R'],
    ]);
    expect(states(3, taken, 0, 6_000)).toEqual([
      ['running', 0, 2_000],
      // Asleep, then runnable: half of the sample each, the earlier state first.
      ['gil-wait', 2_000, 4_500],
      ['ready', 4_500, 5_000],
      ['running', 5_000, 6_000],
    ]);
  });

  it('splits a sample where the GIL changed hands, continuing the state before it', () => {
    expect(
      states(
        0,
        samples([
          [1_000, 'R'],
          [400, 'lock'],
          [0, 'lock'],
        ]),
        0,
        3_000,
      ),
    ).toEqual([
      ['running', 0, 1_400],
      ['gil-wait', 1_400, 3_000],
    ]);
  });

  it('a waiter waking for a few µs to ask for the GIL is not a turn to run', () => {
    expect(
      states(
        0,
        samples([
          [0, 'lock'],
          [20, 'lock'],
          [0, 'lock'],
        ]),
        0,
        3_000,
      ),
    ).toEqual([['gil-wait', 0, 3_000]]);
  });

  it('clips to the phase, interpolating the counters at its edges', () => {
    expect(
      states(
        0,
        samples([
          [1_000, 'R'],
          [0, 'lock'],
        ]),
        500,
        1_500,
      ),
    ).toEqual([
      ['running', 500, 1_000],
      ['gil-wait', 1_000, 1_500],
    ]);
  });

  it('a stretch no sample covers counts as running (the thread was not sampled yet)', () => {
    expect(states(0, [], 100, 900)).toEqual([['running', 100, 900]]);
  });

  it('asleep anywhere but on a lock is io: a sleep, a socket, an event loop', () => {
    expect(
      states(
        0,
        samples([
          [1_000, 'R'],
          [0, 'sleep'],
          [0, 'sleep'],
          [0, 'lock'],
        ]),
        0,
        4_000,
      ),
    ).toEqual([
      ['running', 0, 1_000],
      ['io', 1_000, 3_000],
      ['gil-wait', 3_000, 4_000],
    ]);
  });
});

describe('handoffs', () => {
  const span = (lane: number, startUs: number, endUs: number) => ({ lane, state: 'running' as const, startUs, endUs });
  it('counts a hand-off at every change of the thread that runs', () => {
    const found = handoffs([span(0, 0, 5), span(1, 5, 10), span(0, 10, 15), span(0, 16, 20)], (lane) => 100 + lane);
    expect(found).toEqual([
      { atUs: 5, lane: 1 },
      { atUs: 10, lane: 0 },
    ]);
  });
  it('consecutive tasks of one pool thread are not hand-offs', () => {
    expect(handoffs([span(0, 0, 5), span(1, 5, 10)], () => 7)).toEqual([]);
  });
});
