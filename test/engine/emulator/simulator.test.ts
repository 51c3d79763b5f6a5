import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, type EventKind } from '../../../src/engine/emulator/event-queue.js';
import { Simulator, type HandlerTable } from '../../../src/engine/emulator/simulator.js';

/** A simulator whose handlers log `time kind target token`, and `|` at the end of each instant. */
function loggingSimulator(onEvent?: (sim: Simulator, kind: EventKind, target: number) => void) {
  const log: string[] = [];
  let sim: Simulator;
  const handlers = Object.fromEntries(
    EVENT_KINDS.map((kind) => [
      kind,
      (target: number, token: number) => {
        log.push(`${sim.nowUs} ${kind} ${target} ${token}`);
        onEvent?.(sim, kind, target);
      },
    ]),
  ) as unknown as HandlerTable;
  sim = new Simulator(handlers, () => log.push(`${sim.nowUs} |`));
  return { sim: sim!, log };
}

describe('simulator', () => {
  it('calls the handler of each kind with its target and token, in (time, rank, seq) order', () => {
    const { sim, log } = loggingSimulator();
    sim.schedule(5, 'dispatch-done', 1, 7);
    sim.schedule(5, 'slice-end', 2);
    sim.schedule(1, 'gil-timeout', 3, 9);
    sim.schedule(5, 'io-done', 4);
    sim.run();
    expect(log).toEqual(['1 gil-timeout 3 9', '1 |', '5 io-done 4 0', '5 slice-end 2 0', '5 dispatch-done 1 7', '5 |']);
    expect(sim.handled).toBe(4);
  });

  it('ends an instant only when no event of the same microsecond is left, even one scheduled by a handler', () => {
    const { sim, log } = loggingSimulator((s, kind, target) => {
      if (kind === 'arrival' && target === 1) s.schedule(s.nowUs, 'slice-end', 2);
    });
    sim.schedule(3, 'arrival', 1);
    sim.run();
    expect(log).toEqual(['3 arrival 1 0', '3 slice-end 2 0', '3 |']);
  });

  it('peeks at the next time, steps one event at a time and runs up to a time, inclusive', () => {
    const { sim, log } = loggingSimulator();
    expect(sim.peek()).toBe(Number.POSITIVE_INFINITY);
    expect(sim.step()).toBe(false);
    for (const timeUs of [10, 20, 30]) sim.schedule(timeUs, 'arrival', timeUs);
    expect(sim.peek()).toBe(10);
    expect(sim.step()).toBe(true);
    expect(sim.nowUs).toBe(10);
    sim.run(20);
    expect(sim.nowUs).toBe(20);
    expect(sim.peek()).toBe(30);
    sim.run();
    expect(log).toEqual(['10 arrival 10 0', '10 |', '20 arrival 20 0', '20 |', '30 arrival 30 0', '30 |']);
  });

  it('an event scheduled with a reserved sequence number takes the place it would have had', () => {
    const { sim, log } = loggingSimulator();
    const reserved = sim.reserveSeq();
    sim.schedule(5, 'slice-end', 2);
    sim.scheduleReserved(5, 'slice-end', 1, 0, reserved);
    sim.run();
    expect(log).toEqual(['5 slice-end 1 0', '5 slice-end 2 0', '5 |']);
  });

  it('lets deferred events catch up before the clock passes them, up to the next event', () => {
    const { sim, log } = loggingSimulator();
    const calls: number[] = [];
    const deferred = {
      nextUs: 3,
      catchUp(untilUs: number) {
        calls.push(untilUs);
        if (untilUs >= deferred.nextUs) sim.schedule(deferred.nextUs, 'slice-end', 7);
        deferred.nextUs = Number.POSITIVE_INFINITY;
      },
    };
    sim.deferred = deferred;
    sim.schedule(10, 'arrival', 1);
    sim.run();
    expect(calls).toEqual([10]);
    expect(log).toEqual(['3 slice-end 7 0', '3 |', '10 arrival 1 0', '10 |']);
  });
});
