import { describe, expect, it } from 'vitest';
import { classifyThread, handoffs } from '../../../src/engine/python/classify.js';
import { SampleSeries, type ThreadSample } from '../../../src/engine/python/sample-series.js';

/** Samples every 1,000 µs: `cpu` µs on a core and `queued` µs in the run queue in each, runnable or asleep at its end. */
function samples(steps: [cpuUs: number, state: 'R' | 'lock' | 'sleep', queuedUs?: number][]): SampleSeries {
  let onCpuNs = 0;
  let runQueueNs = 0;
  const taken: ThreadSample[] = [{ atUs: 0, onCpuNs: 0, runQueueNs: 0, timeslices: 0, runnable: true, onLock: false }].concat(
    steps.map(([cpuUs, state, queuedUs = 0], i) => {
      onCpuNs += cpuUs * 1_000;
      runQueueNs += queuedUs * 1_000;
      return { atUs: (i + 1) * 1_000, onCpuNs, runQueueNs, timeslices: i, runnable: state === 'R', onLock: state === 'lock' };
    }),
  );
  return SampleSeries.of(taken);
}

const states = (lane: number, from: SampleSeries, startUs: number, endUs: number) =>
  classifyThread(lane, from, startUs, endUs, 'running').map((span) => [span.state, span.startUs, span.endUs]);

describe('classifyThread', () => {
  it('on-CPU time advancing is running; asleep on a lock is gil-wait; run-queue time advancing is ready', () => {
    const taken = samples([
      [1_000, 'R'],
      [1_000, 'R'],
      [0, 'lock'],
      [0, 'lock'],
      [0, 'R', 1_000],
      [1_000, 'R'],
    ]);
    expect(states(3, taken, 0, 6_000)).toEqual([
      ['running', 0, 2_000],
      ['gil-wait', 2_000, 4_000],
      ['ready', 4_000, 5_000],
      ['running', 5_000, 6_000],
    ]);
  });

  it('runnable is not ready: a thread that wakes from the GIL and runs waited only for what the run queue says', () => {
    // Woke inside the sample and got a core after 200 µs; its run since then is credited later.
    expect(
      states(
        0,
        samples([
          [0, 'lock'],
          [300, 'R', 200],
          [1_000, 'R'],
        ]),
        0,
        3_000,
      ),
    ).toEqual([
      ['gil-wait', 0, 1_500],
      ['ready', 1_500, 1_700],
      ['running', 1_700, 3_000],
    ]);
  });

  it('runnable at both ends and not queued is on a core, though the tick has not credited it yet', () => {
    expect(
      states(
        0,
        samples([
          [1_000, 'R'],
          [0, 'R'],
          [0, 'R', 600],
        ]),
        0,
        3_000,
      ),
    ).toEqual([
      // Within the last sample the run before and after the wait are one share: the run first.
      ['running', 0, 2_400],
      ['ready', 2_400, 3_000],
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
    expect(states(0, SampleSeries.of([]), 100, 900)).toEqual([['running', 100, 900]]);
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
