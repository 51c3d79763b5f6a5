import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type EmulatedStrategy, type EmulatorParams, type TaskSpec } from '../../../src/engine/index.js';
import { emulateRun, newThread } from '../../../src/engine/emulator/emulate.js';
import type { GilHost } from '../../../src/engine/emulator/gil-model.js';
import { NewGil } from '../../../src/engine/emulator/new-gil.js';
import { createPrng } from '../../../src/engine/emulator/prng.js';
import { runHash } from './run-hash.js';
import type { SimThread } from '../../../src/engine/emulator/sim-types.js';

const INTERVAL_US = 5_000;

/** A thread as the emulator makes one, on core 0. */
function thread(id: number): SimThread {
  return { ...newThread(id, `T${id}`, 0), state: 'running', core: 0, lastCore: 0 };
}

/** A host that only keeps the clock and the pending timers, by thread name. */
function fakeHost() {
  const timers = new Map<string, number>();
  const woken: string[] = [];
  const host: GilHost & { nowUs: number } = {
    nowUs: 0,
    idleCores: 1,
    wake: (t) => void woken.push(t.name),
    block: (t) => void (t.state = 'gil-wait'),
    interrupt: () => {},
    reslice: () => {},
    recordHandoff: () => {},
    countHandoffs: () => {},
    startTimer: (t, atUs) => void timers.set(t.name, atUs),
    cancelTimer: (t) => void timers.delete(t.name),
  };
  return { host, timers, woken };
}

describe('new GIL: waiter timers', () => {
  it('only the longest waiter has a timer; the next one gets its own deadline when the longest leaves', () => {
    const { host, timers, woken } = fakeHost();
    const gil = new NewGil(host, 1, INTERVAL_US, createPrng(1));
    const [holder, b, c, d] = [thread(0), thread(1), thread(2), thread(3)];
    expect(gil.ensureHeld(holder)).toBe(true);
    host.nowUs = 10;
    expect(gil.ensureHeld(b)).toBe(false);
    host.nowUs = 20;
    expect(gil.ensureHeld(c)).toBe(false);
    expect(gil.ensureHeld(d)).toBe(false);
    // One timer per waiter would be three here.
    expect([...timers]).toEqual([['T1', 10 + INTERVAL_US]]);

    host.nowUs = 10 + INTERVAL_US;
    timers.delete(b.name); // its timer fired
    gil.onTimeout(b);
    expect(woken).toEqual(['T1']);
    expect([...timers]).toEqual([['T2', 20 + INTERVAL_US]]);

    // The holder drops (I/O): the longest waiter is signalled, the next one's timer takes over.
    host.nowUs = 15 + INTERVAL_US;
    gil.release(holder);
    expect(woken).toEqual(['T1', 'T2']);
    expect([...timers]).toEqual([['T3', 20 + INTERVAL_US]]);
  });
});

function tasksOf(count: number, phases: (i: number) => TaskSpec['phases'], arrivalUs: (i: number) => number = () => 0): TaskSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `T${i + 1}`, arrivalUs: arrivalUs(i), phases: phases(i) }));
}

interface PinnedCase {
  name: string;
  tasks: TaskSpec[];
  strategy: EmulatedStrategy;
  params: EmulatorParams;
  /** The run's hash with one timer per waiter (main at 6eb5615, before this change). */
  hash: string;
}

// The golden battery has at most six tasks; these have tens of waiters at once.
const PINNED: PinnedCase[] = [
  {
    name: '40 CPU threads on 2 cores',
    tasks: tasksOf(40, () => [{ kind: 'cpu', us: 20_000 }]),
    strategy: 'threads',
    params: DEFAULT_PARAMS,
    hash: '096af2441d34deda021f2b65438ad0c1',
  },
  {
    name: '25 threads with I/O on one core, no switch cost, 1 ms slices and intervals',
    tasks: tasksOf(
      25,
      (i) => [
        { kind: 'cpu', us: 3_000 + i * 37 },
        { kind: 'io', us: 2_000 },
        { kind: 'cpu', us: 7_000 },
      ],
      (i) => (i % 5) * 700,
    ),
    strategy: 'threads',
    params: { ...DEFAULT_PARAMS, cores: 1, switchCostUs: 0, quantumUs: 1_000, switchIntervalUs: 1_000 },
    hash: '83732c787ae74612c88eeaa97d855222',
  },
  {
    name: 'a pool of 8 threads over 30 tasks on 4 cores, sjf',
    tasks: tasksOf(30, (i) => [
      { kind: 'cpu', us: 1_000 + ((i * 7919) % 9_000) },
      { kind: 'io', us: 500 + ((i * 104_729) % 3_000) },
    ]),
    strategy: 'thread-pool',
    params: { ...DEFAULT_PARAMS, cores: 4, workers: 8, policy: 'sjf', switchCostUs: 200, switchIntervalUs: 2_000 },
    hash: '44722175e045e40342feb5083fc735c4',
  },
];

describe('new GIL: many waiters', () => {
  it.each(PINNED)('$name: the run is the one with a timer per waiter', ({ tasks, strategy, params, hash }) => {
    expect(runHash(emulateRun(tasks, strategy, params).run)).toBe(hash);
  });
});
