import { describe, expect, it } from 'vitest';
import { thinOlderHalf } from '../../../src/engine/real/thin.js';

describe('thinOlderHalf', () => {
  it('leaves a history below the bound alone', () => {
    const history = [1, 2, 3];
    thinOlderHalf(history, 4);
    expect(history).toEqual([1, 2, 3]);
  });

  it('drops every other entry of the older half, keeping the first and the newer half exact', () => {
    const history = Array.from({ length: 8 }, (_, i) => i);
    thinOlderHalf(history, 8);
    expect(history).toEqual([0, 2, 4, 5, 6, 7]);
  });

  it('keeps an ever-growing history bounded, in order, with the newest entries intact', () => {
    const history: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      history.push(i);
      thinOlderHalf(history, 1_000);
    }
    expect(history.length).toBeLessThanOrEqual(1_000);
    expect(history[0]).toBe(0);
    expect(history.slice(-300)).toEqual(Array.from({ length: 300 }, (_, i) => 99_700 + i));
    for (let i = 1; i < history.length; i++) expect(history[i]!).toBeGreaterThan(history[i - 1]!);
  });
});
