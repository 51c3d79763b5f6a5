import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, weightedMedian } from '../../src/engine/median.js';

/** The median by sorting, written out again without the module. */
function sortedMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('median', () => {
  it('is the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('equals the median by sorting, for lists of repeats and of distinct values alike', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)),
    );
    // (-0 becomes 0: which of two equal zeros lands in the middle is not the median's business)
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
        expect(median(values)).toBe(sortedMedian(values));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves the list it is given as it was', () => {
    const values = [9, 2, 7, 2, 5];
    median(values);
    expect(values).toEqual([9, 2, 7, 2, 5]);
  });

  it('takes a long list of one repeated value in linear time (the pivot scheme splits repeats evenly)', () => {
    // Quadratic selection would take ~10^12 steps here; the test would time out rather than pass.
    const values = new Float64Array(2_000_000).fill(250);
    values[123] = 100;
    expect(median(values)).toBe(250);
  });

  it('weighted, is the median of the list written out: each value as many times as its weight', () => {
    const entry = fc.record({
      value: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1_000_000, max: 1_000_000 })),
      weight: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 40 })),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 60 }), (entries) => {
        const writtenOut = entries.flatMap(({ value, weight }) => new Array<number>(weight).fill(value));
        const values = entries.map((e) => e.value);
        const weights = entries.map((e) => e.weight);
        expect(weightedMedian(values, weights)).toBe(sortedMedian(writtenOut));
        // The caller's lists are left as they were.
        expect(values).toEqual(entries.map((e) => e.value));
      }),
      { numRuns: 2_000 },
    );
    expect(weightedMedian([], [])).toBeNaN();
    expect(weightedMedian([5, 1], [1e12, 1e12 + 1])).toBe(1);
  });
});
