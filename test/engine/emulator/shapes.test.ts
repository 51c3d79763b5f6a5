import { describe, expect, it } from 'vitest';
import { findPreset, type GilMode, type Run } from '../../../src/engine/index.js';
import { emulateCase, emulateOne, emulateRuns, medianOf } from './helpers.js';

const byStrategy = (runs: Run[]) => Object.fromEntries(runs.map((run) => [run.strategy, run]));
const handoffGaps = (run: Run) => run.instants.slice(1).map((instant, i) => instant.atUs - run.instants[i]!.atUs);

describe('the tutorial’s count on 2 cores', () => {
  const runs = byStrategy(emulateRuns({ scenario: 'count', strategies: ['sequential', 'threads', 'processes'] }));
  const sequential = runs.sequential!.elapsedUs;

  it('sequential takes the tutorial’s 25.86 s', () => {
    expect(sequential).toBeGreaterThanOrEqual(25_860_000);
    expect(sequential).toBeLessThan(25_861_000);
  });

  it('threads under the new GIL take between 1.0 and 1.1 × sequential', () => {
    const ratio = runs.threads!.elapsedUs / sequential;
    expect(ratio).toBeGreaterThan(1.0);
    expect(ratio).toBeLessThan(1.1);
  });

  it('processes take half plus the spawn cost, never below 1/min(tasks, cores)', () => {
    const processes = runs.processes!.elapsedUs;
    expect(processes / sequential).toBeGreaterThanOrEqual(0.5);
    expect(processes).toBeLessThanOrEqual(sequential / 2 + 20_000 + 1_000);
  });

  it('says why the tutorial’s 3.1× speed-up from two processes is impossible', () => {
    const notes = emulateCase({ scenario: 'count', strategies: ['processes'] }).notes.join(' ');
    expect(notes).toContain('8.38 s');
    expect(notes).toMatch(/cannot be 3\.1× faster/);
  });

  it('bounds the speed-up by the tasks and cores actually emulated', () => {
    const notesOn = (cores: number) => emulateCase({ scenario: 'count', strategies: ['processes'], params: { cores } }).notes.join(' ');
    expect(notesOn(2)).toContain('2 tasks on 2 cores can at best halve the time (speed-up ≤ min(tasks, cores) = 2)');
    expect(notesOn(8)).toContain('2 tasks on 8 cores can at best halve the time (speed-up ≤ min(tasks, cores) = 2)');
    expect(notesOn(1)).toContain('2 tasks on 1 core can at best match sequential (speed-up ≤ min(tasks, cores) = 1)');
  });

  it('without a GIL, threads take half the time', () => {
    const free = byStrategy(emulateRuns({ scenario: 'count', strategies: ['sequential', 'threads'], params: { gil: 'none' } }));
    expect(free.threads!.elapsedUs / free.sequential!.elapsedUs).toBeCloseTo(0.5, 3);
  });
});

describe('GIL hand-offs', () => {
  const twoThreads = { tasks: '1s,1s', strategy: 'threads' } as const;

  it('a holder keeps the GIL for about the switch interval plus the hand-off cost', () => {
    const run = emulateOne({ ...twoThreads, params: { switchIntervalUs: 5_000, switchCostUs: 50 } });
    const gap = medianOf(handoffGaps(run));
    // A waiter wakes after the interval, is dispatched (50 µs), asks for a drop, is signalled and dispatched again.
    expect(gap).toBeGreaterThanOrEqual(5_000);
    expect(gap).toBeLessThanOrEqual(5_000 + 3 * 50);
    expect(run.gilHandoffs).toBeGreaterThan(350);
  });

  it('a very small interval costs throughput through the hand-off cost', () => {
    const at = (switchIntervalUs: number, switchCostUs: number) => emulateOne({ ...twoThreads, params: { switchIntervalUs, switchCostUs } }).elapsedUs;
    expect(at(100, 50) / at(5_000, 50)).toBeGreaterThan(1.15);
    expect(at(100, 0) / at(5_000, 0)).toBeLessThan(1.01);
  });

  it('on one core, hand-offs happen only when the OS time slice lets the waiter run', () => {
    const run = emulateOne({ ...twoThreads, params: { cores: 1, quantumUs: 20_000, switchIntervalUs: 5_000, switchCostUs: 10 } });
    expect(run.gilHandoffs).toBeGreaterThan(20);
    // The waiter's 5 ms timeout passes long before it can run: the hold is a 20 ms slice, not 5 ms.
    expect(Math.min(...handoffGaps(run))).toBeGreaterThanOrEqual(20_000);
  });

  it('the old GIL on several cores lets the holder win most races', () => {
    const oldGil = emulateOne({ ...twoThreads, params: { gil: 'old' } });
    const newGil = emulateOne({ ...twoThreads, params: { gil: 'new' } });
    expect(oldGil.gilHandoffs).toBeGreaterThan(newGil.gilHandoffs);
    expect(emulateOne({ ...twoThreads, params: { gil: 'old', seed: 2 } }).gilHandoffs).not.toBe(oldGil.gilHandoffs);
  });

  it('a free-threaded preset runs threads in parallel but each 1.4× slower', () => {
    const { gil, cpuScalePermille } = findPreset('cpython-3.13t')!;
    const runs = byStrategy(
      emulateRuns({ tasks: twoThreads.tasks, strategies: ['sequential', 'threads'], params: { gil, cpuScalePermille, switchCostUs: 0 } }),
    );
    expect(runs.sequential!.elapsedUs).toBe(2_800_000);
    expect(runs.threads!.elapsedUs).toBe(1_400_000);
  });

  it('3.14t pays its published 8 % per thread (x86-64 Linux), not 3.13t’s 40 %', () => {
    const { gil, cpuScalePermille } = findPreset('cpython-3.14t')!;
    const runs = byStrategy(
      emulateRuns({ tasks: twoThreads.tasks, strategies: ['sequential', 'threads'], params: { gil, cpuScalePermille, switchCostUs: 0 } }),
    );
    expect(runs.sequential!.elapsedUs).toBe(2_160_000);
    expect(runs.threads!.elapsedUs).toBe(1_080_000);
  });
});

describe('sleep and I/O', () => {
  it('two sleeping threads take the longest sleep, not the sum', () => {
    const runs = byStrategy(emulateRuns({ scenario: 'sleep', strategies: ['sequential', 'threads', 'async'] }));
    // Only the wake-ups' context switches (50 µs each) come on top, as in CPython (3.0004 s, 2.0007 s).
    const within1ms = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1_000);
    within1ms(runs.sequential!.elapsedUs, 3_000_000);
    within1ms(runs.threads!.elapsedUs, 2_000_000);
    within1ms(runs.async!.elapsedUs, 2_000_000);
  });

  it('convoy: the I/O thread loses about one switch interval per I/O next to a CPU thread', () => {
    const ioThread = (gil: GilMode) => emulateOne({ scenario: 'convoy', strategy: 'threads', params: { gil } }).tasks[0]!.turnaroundUs;
    const withGil = ioThread('new');
    const withoutGil = ioThread('none');
    const perOperation = (withGil - withoutGil) / 20;
    expect(perOperation).toBeGreaterThan(0.8 * 5_000);
    expect(perOperation).toBeLessThan(1.2 * 5_000);
  });

  it('convoy: without a GIL the CPU thread does not slow the I/O thread at all', () => {
    const beside = emulateOne({ scenario: 'convoy', strategy: 'threads', params: { gil: 'none' } }).tasks[0]!;
    const alone = emulateOne({ scenario: 'convoy', strategy: 'sequential', params: { gil: 'none' } }).tasks[0]!;
    expect(beside.turnaroundUs).toBe(alone.turnaroundUs);
  });
});
