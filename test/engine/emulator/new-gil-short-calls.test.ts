import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, emulate, type EmulatorParams, type Run, type Span, type TaskSpec } from '../../../src/engine/index.js';
import { SHORT_CALL_RETURNER_WINS, SHORT_CALL_WAITER_WINS } from '../../../src/engine/emulator/new-gil.js';
import { laneSpans } from './helpers.js';
import { runHash } from './run-hash.js';

/**
 * The new GIL around a call that returns at once (issue 13, `npm run bench -- convoy`): the waiter
 * signalled by the call's release takes the GIL first when it has a core of its own and wins the
 * race; a receive's answer counts from its send, so a thread that waited for the GIL after the
 * send finds it there and releases only briefly.
 */
const TRIPS = 1_000;
const SEND_US = 17;
const ANSWER_US = 1_000;
const trip = [
  { kind: 'cpu' as const, us: 100 },
  { kind: 'io' as const, us: SEND_US, syscall: true },
  { kind: 'cpu' as const, us: 3 },
  { kind: 'io' as const, us: ANSWER_US, reply: true },
  { kind: 'cpu' as const, us: 50 },
];
const roundTrips: TaskSpec = { name: 'io', arrivalUs: 0, phases: Array.from({ length: TRIPS }, () => trip).flat() };
const cpuThread: TaskSpec = { name: 'cpu', arrivalUs: 0, phases: [{ kind: 'cpu', us: 60_000_000 }] };

function convoy(params: Partial<EmulatorParams> = {}): Run {
  return emulate({ workload: 'convoy', tasks: [roundTrips, cpuThread], notes: [] }, ['threads'], { ...DEFAULT_PARAMS, ...params }).runs[0]!;
}

/** The I/O thread's calls in order (send, receive, send, …), each with the span that follows it. */
function calls(run: Run): { call: Span; next: Span | undefined }[] {
  const spans = laneSpans(run, 0);
  return spans.flatMap((span, i) => (span.state === 'io' ? [{ call: span, next: spans[i + 1] }] : []));
}

describe('new GIL: the race around a call that returns at once', () => {
  it('a receive returns when its answer is due, counted from the send; after a longer GIL wait it is a short call', () => {
    const all = calls(convoy());
    expect(all).toHaveLength(2 * TRIPS);
    let short = 0;
    for (let i = 0; i < all.length; i += 2) {
      const send = all[i]!.call;
      const receive = all[i + 1]!.call;
      expect(send.endUs - send.startUs).toBe(SEND_US);
      if (receive.endUs - send.endUs === ANSWER_US) continue;
      // The answer was there when the thread got to the receive: a call as long as the send.
      expect(receive.startUs).toBeGreaterThanOrEqual(send.endUs + ANSWER_US - SEND_US);
      expect(receive.endUs - receive.startUs).toBe(SEND_US);
      short++;
    }
    expect(short).toBeGreaterThan(0.5 * SHORT_CALL_WAITER_WINS * TRIPS);
  });

  it('on two cores the waiting CPU thread takes the GIL during the measured share of the sends', () => {
    const sends = calls(convoy()).filter((_, i) => i % 2 === 0);
    const lost = sends.filter(({ next }) => next?.state === 'gil-wait').length / sends.length;
    expect(lost).toBeGreaterThan(SHORT_CALL_WAITER_WINS - 0.05);
    expect(lost).toBeLessThan(SHORT_CALL_WAITER_WINS + 0.05);
  });

  it('after a lost send, the thread on its way back from the forced switch wins the receive that finds its answer in the measured share', () => {
    const all = calls(convoy());
    const afterLostSend = all.filter((_, i) => i % 2 === 1 && all[i - 1]!.next?.state === 'gil-wait');
    expect(afterLostSend.length).toBeGreaterThan(0.5 * TRIPS);
    const lost = afterLostSend.filter(({ next }) => next?.state === 'gil-wait').length / afterLostSend.length;
    expect(lost).toBeGreaterThan(SHORT_CALL_RETURNER_WINS - 0.05);
    expect(lost).toBeLessThan(SHORT_CALL_RETURNER_WINS + 0.05);
  });

  it('a waiter without a core of its own never wins: on one core no send loses the GIL', () => {
    const sends = calls(convoy({ cores: 1 })).filter((_, i) => i % 2 === 0);
    expect(sends.length).toBe(TRIPS);
    expect(sends.filter(({ next }) => next?.state === 'gil-wait')).toEqual([]);
  });

  it('a lost call costs the caller one interval, not two: the winner took the GIL before the caller began to wait', () => {
    for (const { next } of calls(convoy())) {
      if (next?.state === 'gil-wait') expect(next.endUs - next.startUs).toBe(DEFAULT_PARAMS.switchIntervalUs);
    }
  });

  it('the races are seeded: the same seed gives the same run, another seed another', () => {
    expect(runHash(convoy({ seed: 7 }))).toBe(runHash(convoy({ seed: 7 })));
    expect(runHash(convoy({ seed: 7 }))).not.toBe(runHash(convoy({ seed: 8 })));
  });
});
