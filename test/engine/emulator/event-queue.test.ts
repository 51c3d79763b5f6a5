import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, KIND_RANK, type EventKind } from '../../../src/engine/emulator/event-queue.js';

const KINDS = Object.keys(KIND_RANK) as EventKind[];

describe('event queue', () => {
  it('orders events by time, then kind rank, then insertion', () => {
    const queue = new EventQueue();
    queue.push(5, 'dispatch-done', 1);
    queue.push(5, 'slice-end', 2);
    queue.push(5, 'arrival', 3);
    queue.push(1, 'gil-timeout', 4);
    queue.push(5, 'io-done', 5);
    queue.push(5, 'arrival', 6);
    const order = [];
    for (let event = queue.pop(); event; event = queue.pop()) order.push(event.target);
    expect(order).toEqual([4, 5, 3, 6, 2, 1]);
  });

  it('pins the rank table: I/O and arrivals before slice ends, GIL timeouts, then dispatches', () => {
    expect(KIND_RANK).toEqual({ 'io-done': 0, 'await-done': 0, arrival: 1, start: 1, 'slice-end': 2, 'gil-timeout': 3, 'dispatch-done': 4 });
  });

  it('pops any sequence of events in sorted order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom(...KINDS))), (items) => {
        const queue = new EventQueue();
        items.forEach(([time, kind], i) => queue.push(time, kind, i));
        const popped = []; // pop reuses one object: keep the fields, not the object
        for (let event = queue.pop(); event; event = queue.pop()) popped.push({ target: event.target });
        const expected = items
          .map(([time, kind], i) => ({ time, rank: KIND_RANK[kind], i }))
          .sort((a, b) => a.time - b.time || a.rank - b.rank || a.i - b.i)
          .map((item) => item.i);
        expect(popped.map((event) => event.target)).toEqual(expected);
        expect(queue.peekTimeUs()).toBe(Number.POSITIVE_INFINITY);
      }),
    );
  });
});
