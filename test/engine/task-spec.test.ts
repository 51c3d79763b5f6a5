import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError, formatDuration, formatElapsed, parseDuration, parseTasks } from '../../src/engine/index.js';

describe('durations', () => {
  it('parses us, ms and s into whole microseconds', () => {
    expect(parseDuration('150us', 'x')).toBe(150);
    expect(parseDuration('2.5ms', 'x')).toBe(2_500);
    expect(parseDuration('1.1ms', 'x')).toBe(1_100);
    expect(parseDuration('3s', 'x')).toBe(3_000_000);
  });

  it.each(['', '5', 'ms', '-1ms', '1.5us', '1e3ms', 'abc', '25h', '100000s'])('rejects %j with a message naming the field', (text) => {
    expect(() => parseDuration(text, '--quantum')).toThrow(UsageError);
    expect(() => parseDuration(text, '--quantum')).toThrow(/^--quantum: /);
  });

  it('formats with a unit chosen by size', () => {
    expect([850, 12_500, 3_210_000, 25_860_050].map(formatDuration)).toEqual(['850us', '12.5ms', '3.21s', '25.86s']);
  });

  it('formats elapsed times with fixed decimals per unit, so a column lines up', () => {
    expect([850, 3_000, 150_900, 3_000_000, 36_200_000].map(formatElapsed)).toEqual(['850us', '3.00ms', '150.9ms', '3.000s', '36.20s']);
  });
});

describe('--tasks syntax', () => {
  it('parses the documented example', () => {
    expect(parseTasks('cpu:10ms+io:5ms+cpu:10ms,io:100ms,30ms@5ms')).toEqual([
      {
        name: 'T1',
        arrivalUs: 0,
        phases: [
          { kind: 'cpu', us: 10_000 },
          { kind: 'io', us: 5_000 },
          { kind: 'cpu', us: 10_000 },
        ],
      },
      { name: 'T2', arrivalUs: 0, phases: [{ kind: 'io', us: 100_000 }] },
      { name: 'T3', arrivalUs: 5_000, phases: [{ kind: 'cpu', us: 30_000 }] },
    ]);
  });

  it('allows spaces around the phase kind as around the duration', () => {
    const phases = [
      { kind: 'cpu', us: 5_000 },
      { kind: 'io', us: 2_000 },
    ];
    for (const text of ['cpu :5ms+ io :2ms', 'cpu: 5ms+io: 2ms', ' cpu : 5ms + io : 2ms ']) expect(parseTasks(text)[0]!.phases).toEqual(phases);
  });

  it.each([
    ['cpu:abc', /task 1 cpu phase: 'abc' is not a duration/],
    ['', /the list is empty/],
    ['1ms,,2ms', /task 2: empty task/],
    ['gpu:1ms', /unknown phase kind 'gpu'/],
    ['1ms@2ms@3ms', /more than one '@'/],
    ['cpu:0us', /zero time/],
    ['1ms+', /empty phase/],
  ])('rejects %j', (text, message) => {
    expect(() => parseTasks(text)).toThrow(message);
  });

  it('round-trips any task list written in the syntax', () => {
    const phase = fc.tuple(fc.constantFrom('cpu', 'io'), fc.integer({ min: 1, max: 10_000_000 }));
    const task = fc.tuple(fc.array(phase, { minLength: 1, maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 1_000_000 })));
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 8 }), (tasks) => {
        const text = tasks
          .map(([phases, arrival]) => phases.map(([kind, us]) => `${kind}:${us}us`).join('+') + (arrival === null ? '' : `@${arrival}us`))
          .join(',');
        const parsed = parseTasks(text);
        expect(parsed.map((t) => t.phases.map((p) => [p.kind, p.us]))).toEqual(tasks.map(([phases]) => phases));
        expect(parsed.map((t) => t.arrivalUs)).toEqual(tasks.map(([, arrival]) => arrival ?? 0));
      }),
    );
  });
});
