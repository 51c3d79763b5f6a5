import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionPoint } from '../../src/engine/partition-point.js';

describe('partitionPoint', () => {
  it('is the first index where a sorted array reaches the value, as a linear scan finds it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -1, max: 51 }), (values, limit) => {
        const sorted = [...values].sort((a, b) => a - b);
        const scanned = sorted.findIndex((value) => !(value < limit));
        expect(partitionPoint(sorted.length, (i) => sorted[i]! < limit)).toBe(scanned === -1 ? sorted.length : scanned);
      }),
    );
  });

  it('is 0 for nothing, and the count when the predicate holds everywhere', () => {
    expect(partitionPoint(0, () => true)).toBe(0);
    expect(partitionPoint(5, () => true)).toBe(5);
    expect(partitionPoint(5, () => false)).toBe(0);
  });
});
