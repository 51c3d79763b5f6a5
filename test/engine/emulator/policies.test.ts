import { describe, expect, it } from 'vitest';
import { createPolicy } from '../../../src/engine/emulator/policies.js';
import type { SimThread } from '../../../src/engine/emulator/sim-types.js';

const thread = (id: number) => ({ id, name: `T${id}`, quantumEndUs: 0 }) as SimThread;

describe('scheduling policies', () => {
  it('round-robin ends a turn one time slice after it started, and serves threads in ready order', () => {
    const rr = createPolicy('rr', 4_000, () => 0);
    const a = thread(1);
    rr.startTurn(a, 1_000);
    expect(rr.turnEndUs(a)).toBe(5_000);
    expect(rr.turnOver(a, 4_999)).toBe(false);
    expect(rr.turnOver(a, 5_000)).toBe(true);
    const [b, c] = [thread(2), thread(3)];
    rr.push(c);
    rr.push(b);
    expect([rr.take().id, rr.take().id, rr.size]).toEqual([3, 2, 0]);
  });

  it('round-robin skips the turns that end before a time, from the last of them, as one turn after another would', () => {
    const rr = createPolicy('rr', 4_000, () => 0);
    const a = thread(1);
    rr.startTurn(a, 1_000); // turns end at 5000, 9000, 13000, …
    expect(rr.skipTurns(a, 13_000)).toBe(9_000);
    expect(rr.turnEndUs(a)).toBe(13_000);
    expect(rr.skipTurns(a, 13_001)).toBe(13_000);
    expect(rr.turnEndUs(a)).toBe(17_000);
  });

  it('FIFO never preempts', () => {
    const fifo = createPolicy('fifo', 4_000, () => 0);
    const a = thread(1);
    fifo.startTurn(a, 1_000);
    expect(fifo.turnEndUs(a)).toBe(Number.POSITIVE_INFINITY);
    expect(fifo.turnOver(a, 1e12)).toBe(false);
  });

  it('SJF takes the thread with the least CPU work left, ties in ready order, and never preempts', () => {
    const left = new Map([
      [1, 300],
      [2, 100],
      [3, 100],
      [4, 200],
    ]);
    const sjf = createPolicy('sjf', 4_000, (t) => left.get(t.id)!);
    for (const id of [1, 2, 3, 4]) sjf.push(thread(id));
    expect([sjf.take().id, sjf.take().id, sjf.take().id, sjf.take().id]).toEqual([2, 3, 4, 1]);
    expect(sjf.turnOver(thread(1), 1e12)).toBe(false);
  });
});
