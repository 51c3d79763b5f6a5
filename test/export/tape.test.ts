import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { parseTape, tapeDurationMs, type TapeStep } from '../../src/export/tape.js';

const parse = (text: string): TapeStep[] => parseTape(text, 'demo.tape');
const errorOf = (text: string): string => {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('parseTape commands', () => {
  it('skips blank lines and lines starting with # (after optional spaces)', () => {
    expect(parse('\n# intro\n   # indented\n\t\nEnter\n')).toEqual([{ type: 'keys', keys: ['\r'], line: 5 }]);
  });

  it('Type sends one key per character, in any of the three VHS quotes', () => {
    expect(parse('Type "ab c"')).toEqual([{ type: 'keys', keys: ['a', 'b', ' ', 'c'], line: 1 }]);
    expect(parse('Type \'say "hi"\'')).toEqual([{ type: 'keys', keys: [...'say "hi"'], line: 1 }]);
    expect(parse('Type `q`')).toEqual([{ type: 'keys', keys: ['q'], line: 1 }]);
    expect(parse('Type "é🙂"')).toEqual([{ type: 'keys', keys: ['é', '🙂'], line: 1 }]);
    expect(parse('Type ""')).toEqual([]);
  });

  it('Type@DUR puts a sleep between keys, not after the last', () => {
    expect(parse('Type@100ms "abc"')).toEqual([
      { type: 'keys', keys: ['a'], line: 1 },
      { type: 'sleep', ms: 100, line: 1 },
      { type: 'keys', keys: ['b'], line: 1 },
      { type: 'sleep', ms: 100, line: 1 },
      { type: 'keys', keys: ['c'], line: 1 },
    ]);
  });

  it('Sleep accepts ms, s, us and a bare number of seconds', () => {
    expect(parse('Sleep 500ms\nSleep 2s\nSleep 0.5\nSleep 250us\nSleep 3')).toEqual([
      { type: 'sleep', ms: 500, line: 1 },
      { type: 'sleep', ms: 2000, line: 2 },
      { type: 'sleep', ms: 500, line: 3 },
      { type: 'sleep', ms: 0.25, line: 4 },
      { type: 'sleep', ms: 3000, line: 5 },
    ]);
  });

  it('named keys map to the bytes a terminal sends', () => {
    const text = 'Enter\nSpace\nTab\nBackspace\nEscape\nLeft\nRight\nUp\nDown';
    expect(parse(text).map((step) => (step.type === 'keys' ? step.keys : []))).toEqual([
      ['\r'],
      [' '],
      ['\t'],
      ['\x7f'],
      ['\x1b'],
      ['\x1b[D'],
      ['\x1b[C'],
      ['\x1b[A'],
      ['\x1b[B'],
    ]);
  });

  it('a count repeats the key in one step; @DUR spaces the repeats', () => {
    expect(parse('Left 3')).toEqual([{ type: 'keys', keys: ['\x1b[D', '\x1b[D', '\x1b[D'], line: 1 }]);
    expect(parse('Down@200ms 2')).toEqual([
      { type: 'keys', keys: ['\x1b[B'], line: 1 },
      { type: 'sleep', ms: 200, line: 1 },
      { type: 'keys', keys: ['\x1b[B'], line: 1 },
    ]);
    expect(parse('Enter 1000')[0]).toMatchObject({ keys: new Array(1000).fill('\r') });
  });

  it('Ctrl+<letter> sends the control byte, either case', () => {
    expect(parse('Ctrl+C\nCtrl+a\nCtrl+Z')).toEqual([
      { type: 'keys', keys: ['\x03'], line: 1 },
      { type: 'keys', keys: ['\x01'], line: 2 },
      { type: 'keys', keys: ['\x1a'], line: 3 },
    ]);
  });

  it('tolerates CRLF line endings and surrounding spaces', () => {
    expect(parse('  Enter  \r\nSleep 1s\r\n')).toEqual([
      { type: 'keys', keys: ['\r'], line: 1 },
      { type: 'sleep', ms: 1000, line: 2 },
    ]);
  });

  it('tapeDurationMs sums the sleeps, typing delays included', () => {
    expect(tapeDurationMs(parse('Sleep 1s\nType@10ms "abc"\nEnter\nSleep 0.5'))).toBe(1520);
    expect(tapeDurationMs([])).toBe(0);
  });
});

describe('parseTape errors name source:line', () => {
  it.each([
    ['Enter\n\nTypo "x"', "demo.tape:3: unknown command 'Typo'"],
    ['Sleep 2x', "demo.tape:1: Sleep: '2x' is not a duration"],
    ['Sleep', 'demo.tape:1: Sleep needs a duration'],
    ['Type@fast "x"', "demo.tape:1: Type@: 'fast' is not a duration"],
    ['Type "abc', 'demo.tape:1: unterminated string'],
    ['Type abc', 'demo.tape:1: Type needs a quoted string'],
    ['Type "a" "b"', 'demo.tape:1: unexpected text after the closing "'],
    ['Left 0', 'demo.tape:1: Left count 0 is not between 1 and 1000'],
    ['Left 1001', 'demo.tape:1: Left count 1001 is not between 1 and 1000'],
    ['Left -1', "demo.tape:1: Left count '-1' is not a positive integer"],
    ['Left 1.5', "demo.tape:1: Left count '1.5' is not a positive integer"],
    ['Enter # go', "demo.tape:1: Enter count '# go' is not a positive integer"],
    ['Ctrl+1', "demo.tape:1: unknown command 'Ctrl+1'"],
    ['enter', "demo.tape:1: unknown command 'enter'"],
  ])('%j → %s', (text, message) => {
    expect(errorOf(text)).toContain(message);
    expect(errorOf(text)).not.toContain('\n');
  });

  it.each(['Output demo.gif', 'Set FontSize 14', 'Require node', 'Hide', 'Show', 'Screenshot a.png'])(
    'the VHS rendering command %j is refused as not supported',
    (text) => {
      const command = text.split(' ')[0]!;
      expect(errorOf(`Enter\n${text}`)).toBe(`demo.tape:2: '${command}' is not supported by concur-tui (it only affects VHS rendering)`);
    },
  );

  it('limits a tape to 10,000 steps', () => {
    expect(parse('Enter\n'.repeat(10_000))).toHaveLength(10_000);
    expect(errorOf('Enter\n'.repeat(10_001))).toBe('demo.tape:10001: the tape exceeds the limit of 10000 steps');
    expect(errorOf(`Type@1ms "${'x'.repeat(6000)}"`)).toContain('demo.tape:1: the tape exceeds the limit');
  });

  it('limits a tape to one hour of sleep', () => {
    expect(tapeDurationMs(parse('Sleep 1800s\nSleep 1800s'))).toBe(3_600_000);
    expect(errorOf('Sleep 1800s\nSleep 1800s\nSleep 1ms')).toBe('demo.tape:3: the tape sleeps longer than the limit of 1 hour in total');
  });
});

/** A valid tape line with the number of steps it must produce. */
const validLine: fc.Arbitrary<{ text: string; steps: number }> = fc.oneof(
  fc
    .string({ maxLength: 20 })
    .filter((s) => !/["\r\n]/.test(s))
    .map((s) => ({ text: `Type "${s}"`, steps: s.length === 0 ? 0 : 1 })),
  fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.integer({ min: 1, max: 500 })).map(([s, ms]) => ({ text: `Type@${ms}ms '${s}'`, steps: 2 * s.length - 1 })),
  fc
    .tuple(fc.integer({ min: 0, max: 5000 }), fc.constantFrom('ms', 's', ''))
    .map(([n, unit]) => ({ text: `Sleep ${unit === 'ms' ? n : n % 60}${unit}`, steps: 1 })),
  fc
    .tuple(
      fc.constantFrom('Enter', 'Space', 'Tab', 'Backspace', 'Escape', 'Left', 'Right', 'Up', 'Down', 'Ctrl+C', 'Ctrl+q'),
      fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
      // Small delays and few lines keep every tape inside the step and sleep limits.
      fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    )
    .map(([key, count, delay]) => ({
      text: `${key}${delay === undefined ? '' : `@${delay}ms`}${count === undefined ? '' : ` ${count}`}`,
      steps: delay === undefined ? 1 : 2 * (count ?? 1) - 1,
    })),
  fc.constantFrom({ text: '', steps: 0 }, { text: '# note', steps: 0 }, { text: '  #x', steps: 0 }),
);

describe('parseTape properties', () => {
  it('any valid tape parses to the predicted number of steps, each tagged with its line', () => {
    fc.assert(
      fc.property(fc.array(validLine, { maxLength: 5 }), (lines) => {
        const steps = parse(lines.map((line) => line.text).join('\n'));
        expect(steps).toHaveLength(lines.reduce((sum, line) => sum + line.steps, 0));
        for (const step of steps) expect(lines[step.line - 1]?.steps).toBeGreaterThan(0);
      }),
    );
  });

  it('garbage lines either parse or throw UsageError, never another error', () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc
        .tuple(fc.constantFrom('Type', 'Sleep', 'Enter', 'Ctrl+', 'Left', 'Set', 'Type@'), fc.string({ maxLength: 20 }))
        .map(([command, rest]) => `${command}${rest}`),
    );
    fc.assert(
      fc.property(fc.array(garbage, { maxLength: 5 }), (lines) => {
        try {
          parse(lines.join('\n'));
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).toMatch(/^demo\.tape:\d+: [^\n]*$/);
        }
      }),
    );
  });

  it('limits the keys a tape types in all (Left 1000 is a thousand redraws)', () => {
    const tape = Array.from({ length: 11 }, () => 'Left 1000').join('\n');
    expect(() => parseTape(tape, 'big.tape')).toThrow('big.tape:11: the tape types more than the limit of 10000 keys in all');
  });
});
