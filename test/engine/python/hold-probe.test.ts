import { describe, expect, it } from 'vitest';
import { holdsOf, type Stretch } from '../../../src/engine/python/hold-probe.js';

const US = 1_000; // ns

describe('holdsOf: the hold probe’s stretches merged into GIL holds', () => {
  it('a hold lasts from a thread’s first stretch to its last before the other thread runs; the cut first and last holds are left out', () => {
    const stretches: Stretch[] = [
      [0, 0, 3_000 * US], // cut by the start: left out
      [1, 3_050 * US, 8_000 * US],
      [0, 8_050 * US, 13_100 * US],
      [1, 13_150 * US, 18_000 * US],
      [0, 18_050 * US, 20_000 * US], // cut by the end: left out
    ];
    expect(holdsOf(stretches)).toEqual([4_950, 5_050, 4_850]);
  });

  it('a gap with no other thread’s stretch in it (the OS preempted the holder) does not end the hold', () => {
    const stretches: Stretch[] = [
      [1, 0, 1_000 * US],
      [0, 1_000 * US, 2_000 * US],
      [0, 2_500 * US, 6_000 * US], // 0.5 ms off the core, still holding the GIL
      [1, 6_000 * US, 7_000 * US],
      [0, 7_000 * US, 8_000 * US],
    ];
    expect(holdsOf(stretches)).toEqual([5_000, 1_000]);
  });

  it('takes the stretches in any order (each thread prints its own)', () => {
    const inOrder: Stretch[] = [
      [0, 0, 1_000 * US],
      [1, 1_000 * US, 2_000 * US],
      [0, 2_000 * US, 4_000 * US],
      [1, 4_000 * US, 7_000 * US],
      [0, 7_000 * US, 8_000 * US],
    ];
    const byThread = [...inOrder].sort((a, b) => a[0] - b[0]);
    expect(holdsOf(byThread)).toEqual(holdsOf(inOrder));
    expect(holdsOf(inOrder)).toEqual([1_000, 2_000, 3_000]);
  });

  it('has no holds without a hand-off', () => {
    expect(holdsOf([])).toEqual([]);
    expect(holdsOf([[0, 0, 5_000 * US]])).toEqual([]);
  });
});
