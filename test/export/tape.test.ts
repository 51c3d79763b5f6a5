import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { parseTape, tapeDurationMs, type Tape, type TapeStep } from '../../src/export/tape.js';

const tapeOf = (text: string, files: Record<string, string> = {}): Tape =>
  parseTape(text, 'demo.tape', (path, where) => {
    const text = files[path];
    if (text === undefined) throw new UsageError(`${where}: Source: cannot read ${path} (ENOENT)`);
    return text;
  });
const parse = (text: string): TapeStep[] => tapeOf(text).steps;
/** The keys a tape types, one entry per key, in order (sleeps left out). */
const keysOf = (text: string): string[] => parse(text).flatMap((step) => (step.type === 'keys' ? step.keys : []));
const errorOf = (text: string, files: Record<string, string> = {}): string => {
  try {
    tapeOf(text, files);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};
const key = (keys: string[], line = 1): TapeStep => ({ type: 'keys', keys, line });
const sleep = (ms: number, line = 1): TapeStep => ({ type: 'sleep', ms, line });

describe('VHS tape grammar: typing and waiting', () => {
  it('skips comments, whole lines or after a command, and blank lines', () => {
    expect(parse('\n# intro\n   # indented\n\t\nEnter # go\n')).toEqual([key(['\r'], 5)]);
  });

  it('Type sends one key per character, in any of the three VHS quotes, or a bare word', () => {
    expect(parse('Type "ab c"')).toEqual([key(['a', 'b', ' ', 'c'])]);
    expect(parse('Type \'say "hi"\'')).toEqual([key([...'say "hi"'])]);
    expect(parse('Type `q`')).toEqual([key(['q'])]);
    expect(parse('Type "é🙂"')).toEqual([key(['é', '🙂'])]);
    expect(parse('Type glow')).toEqual([key([...'glow'])]);
    expect(parse('Type ""')).toEqual([]);
  });

  it('Type joins several strings with a space, as VHS does', () => {
    expect(keysOf('Type "a" "b" c')).toEqual(['a', ' ', 'b', ' ', 'c']);
  });

  it('Type@DUR sleeps after every key, as VHS does; a bare number is seconds', () => {
    expect(parse('Type@100ms "ab"')).toEqual([key(['a']), sleep(100), key(['b']), sleep(100)]);
    expect(parse('Type@.5 "a"')).toEqual([key(['a']), sleep(500)]);
  });

  it('Sleep accepts ms, s, m, us and a bare number of seconds, with or without a space', () => {
    const ms = parse('Sleep 500ms\nSleep 2s\nSleep 0.5\nSleep .5\nSleep 250us\nSleep 3\nSleep 1m\nSleep 20 ms').map((step) => (step as { ms: number }).ms);
    expect(ms).toEqual([500, 2000, 500, 500, 0.25, 3000, 60_000, 20]);
  });

  it('several commands may share a line (tokens, not lines, end a command)', () => {
    expect(parse('Sleep 1 Ctrl+U  Sleep 1')).toEqual([sleep(1000), key(['\x15']), sleep(1000)]);
  });

  it('Set TypingSpeed spaces every later key and Type; @DUR overrides it', () => {
    expect(parse('Enter\nSet TypingSpeed 50ms\nType "ab"\nTab@10ms')).toEqual([
      key(['\r'], 1),
      key(['a'], 3),
      sleep(50, 3),
      key(['b'], 3),
      sleep(50, 3),
      key(['\t'], 4),
      sleep(10, 4),
    ]);
    expect(parse('Set TypingSpeed .1\nEnter')).toEqual([key(['\r'], 2), sleep(100, 2)]);
  });

  it('Wait checks the last line (or the screen) against a pattern, with VHS defaults', () => {
    expect(parse('Wait')).toEqual([{ type: 'wait', scope: 'line', pattern: />$/, timeoutMs: 15_000, where: 'demo.tape:1', line: 1 }]);
    expect(parse('Wait+Screen@2s /thread/')[0]).toMatchObject({ scope: 'screen', pattern: /thread/, timeoutMs: 2000 });
    expect(parse('Set WaitTimeout 3s\nSet WaitPattern /done/\nWait+Line')[0]).toMatchObject({ scope: 'line', pattern: /done/, timeoutMs: 3000 });
  });

  it('Copy puts text on a clipboard of the tape; Paste types it', () => {
    expect(keysOf('Paste\nCopy "g" "i"\nPaste')).toEqual(['g', ' ', 'i']);
  });

  it('Subtitle sets the caption line; an empty one gives it back to the dashboard', () => {
    expect(parse('Subtitle "GIL" "hand-offs"\nSubtitle ""')).toEqual([
      { type: 'narrate', text: 'GIL hand-offs', line: 1 },
      { type: 'narrate', text: null, line: 2 },
    ]);
  });

  it('Hide and Show (and the Pause and Resume of an older example) become steps', () => {
    expect(parse('Hide\nShow\nPause\nResume').map((step) => step.type)).toEqual(['hide', 'show', 'hide', 'show']);
  });

  it('tapeDurationMs sums the sleeps, typing delays included', () => {
    expect(tapeDurationMs(parse('Sleep 1s\nType@10ms "abc"\nEnter\nSleep 0.5'))).toBe(1530);
    expect(tapeDurationMs([])).toBe(0);
  });
});

describe('VHS tape grammar: every key VHS names', () => {
  it('named keys map to the bytes a terminal sends', () => {
    const names = ['Enter', 'Space', 'Tab', 'Backspace', 'Delete', 'Insert', 'Escape', 'Up', 'Down', 'Right', 'Left', 'Home', 'End', 'PageUp', 'PageDown'];
    expect(keysOf(names.join('\n'))).toEqual([
      '\r',
      ' ',
      '\t',
      '\x7f',
      '\x1b[3~',
      '\x1b[2~',
      '\x1b',
      '\x1b[A',
      '\x1b[B',
      '\x1b[C',
      '\x1b[D',
      '\x1b[H',
      '\x1b[F',
      '\x1b[5~',
      '\x1b[6~',
    ]);
  });

  it('a count repeats the key in one step; @DUR sleeps after each repeat', () => {
    expect(parse('Left 3')).toEqual([key(['\x1b[D', '\x1b[D', '\x1b[D'])]);
    expect(parse('PageDown@200ms 2')).toEqual([key(['\x1b[6~']), sleep(200), key(['\x1b[6~']), sleep(200)]);
    expect(parse('Enter 1000')[0]).toMatchObject({ keys: new Array(1000).fill('\r') });
  });

  it.each([
    ['Ctrl+C', '\x03'],
    ['Ctrl+a', '\x01'],
    ['Ctrl+Z', '\x1a'],
    ['Ctrl+@', '\x00'],
    ['Ctrl+[', '\x1b'],
    ['Ctrl+\\', '\x1c'],
    ['Ctrl+]', '\x1d'],
    ['Ctrl+^', '\x1e'],
    ['Ctrl+-', '\x1f'],
    ['Ctrl+Shift+O', '\x0f'],
    ['Ctrl+Alt+c', '\x1b\x03'],
    ['Ctrl+Left', '\x1b[1;5D'],
    ['Ctrl+Shift+Up', '\x1b[1;6A'],
    ['Ctrl+Alt+Right', '\x1b[1;7C'],
    ['Ctrl+Alt+Shift+Down', '\x1b[1;8B'],
    ['Ctrl+Space', '\x00'],
    ['Ctrl+Backspace', '\x08'],
    ['Ctrl+Enter', '\r'],
    ['Alt+x', '\x1bx'],
    ['Alt+.', '\x1b.'],
    ['Alt+Enter', '\x1b\r'],
    ['Alt+Tab', '\x1b\t'],
    ['Alt+[', '\x1b['],
    ['Shift+Tab', '\x1b[Z'],
    ['Shift+Enter', '\r'],
    ['Shift+a', 'A'],
    ['Shift+]', '}'],
  ])('%s sends %j', (command, bytes) => {
    expect(keysOf(command)).toEqual([bytes]);
  });

  it('Alt+ a word presses Alt with each of its characters, as VHS does', () => {
    expect(keysOf('Alt+ab')).toEqual(['\x1ba', '\x1bb']);
  });

  it('ScrollUp and ScrollDown take their time but change nothing (the dashboard has no scrollback), said once', () => {
    const tape = tapeOf('ScrollUp 3\nScrollDown@100ms 2\nScrollUp');
    expect(tape.steps).toEqual([sleep(100, 2), sleep(100, 2)]);
    expect(tape.warnings).toEqual([
      "demo.tape:1: ScrollUp scrolls the scrollback of VHS's terminal; the dashboard has none, so it changes nothing",
      "demo.tape:2: ScrollDown scrolls the scrollback of VHS's terminal; the dashboard has none, so it changes nothing",
    ]);
  });
});

describe('VHS tape grammar: what the session does around the keys', () => {
  it('Output FILE.cast is recorded (the last wins); another format is said, not written', () => {
    const tape = tapeOf('Output demo.gif\nOutput "a b.cast"\nOutput out/frames/\nOutput demo.cast');
    expect(tape.casts).toEqual([
      { name: 'a b.cast', where: 'demo.tape:2' },
      { name: 'demo.cast', where: 'demo.tape:4' },
    ]);
    expect(tape.warnings).toEqual([
      'demo.tape:1: Output demo.gif is not written: concur-tui records only asciicast files (.cast)',
      'demo.tape:3: Output out/frames/ is not written: concur-tui records only asciicast files (.cast)',
    ]);
  });

  it('Screenshot FILE.svg or .txt is a step; .png is said, not written', () => {
    const tape = tapeOf('Screenshot a.svg\nScreenshot b.txt\nScreenshot c.png');
    expect(tape.steps).toEqual([
      { type: 'screenshot', path: 'a.svg', format: 'svg', where: 'demo.tape:1', line: 1 },
      { type: 'screenshot', path: 'b.txt', format: 'txt', where: 'demo.tape:2', line: 2 },
    ]);
    expect(tape.warnings).toEqual(['demo.tape:3: Screenshot c.png is not written: concur-tui writes screenshots as .svg or .txt']);
  });

  it('Require and Env are collected with their lines, for the session to act on', () => {
    const tape = tapeOf('Require node\nEnv NO_COLOR "1"\nEnv HELLO WORLD');
    expect(tape.requires).toEqual([{ name: 'node', where: 'demo.tape:1' }]);
    expect(tape.env).toEqual([
      { name: 'NO_COLOR', value: '1', where: 'demo.tape:2' },
      { name: 'HELLO', value: 'WORLD', where: 'demo.tape:3' },
    ]);
  });

  it('Set of a rendering option warns once per option and changes nothing', () => {
    const text = [
      'Set FontSize 32',
      'Set FontSize 20',
      'Set Width 1200',
      'Set Theme { "name": "Whimsy",',
      '  "black": "#535178" }',
      'Set Theme "Catppuccin Mocha"',
      'Set LoopOffset 20.99%',
      'Set Shell bash',
      'Set Rows 10',
      'Enter',
    ].join('\n');
    const tape = tapeOf(text);
    expect(tape.steps).toEqual([key(['\r'], 10)]);
    expect(tape.warnings).toEqual([
      'demo.tape:1: Set FontSize is ignored: it changes only how VHS renders its video',
      'demo.tape:3: Set Width is ignored: it changes only how VHS renders its video',
      'demo.tape:4: Set Theme is ignored: it changes only how VHS renders its video',
      'demo.tape:7: Set LoopOffset is ignored: it changes only how VHS renders its video',
      'demo.tape:8: Set Shell is ignored: concur-tui drives its dashboard, not a shell',
      'demo.tape:9: Set Rows is ignored: it is not a setting of the VHS grammar concur-tui follows',
    ]);
  });

  it('Source plays another tape in place (its Output dropped, its settings kept), naming its own lines in errors', () => {
    const files = { 'setup.tape': 'Output inner.cast\nSet TypingSpeed 10ms\nType "4"', 'bad.tape': 'Enter\nOops' };
    const tape = tapeOf('Enter\nSource setup.tape\nTab', files);
    expect(tape.steps).toEqual([key(['\r'], 1), key(['4'], 3), sleep(10, 3), key(['\t'], 3), sleep(10, 3)]);
    expect(tape.casts).toEqual([]);
    expect(errorOf('Source bad.tape', files)).toBe("bad.tape:2: unknown command 'Oops'");
    expect(errorOf('Source missing.tape', files)).toBe('demo.tape:1: Source: cannot read missing.tape (ENOENT)');
    expect(errorOf('Source setup.txt', files)).toBe('demo.tape:1: Source setup.txt: a .tape file is expected');
    expect(errorOf('Source outer.tape', { 'outer.tape': 'Source setup.tape' })).toBe('outer.tape:1: Source setup.tape: a sourced tape cannot Source another');
    expect(errorOf('Source empty.tape', { 'empty.tape': '\n' })).toBe('demo.tape:1: Source empty.tape: the tape is empty');
  });
});

describe('tape errors name file:line and what is wrong', () => {
  it.each([
    ['Enter\n\nTypo "x"', "demo.tape:3: unknown command 'Typo'"],
    ['enter', "demo.tape:1: unknown command 'enter'"],
    ['Type "+"\nTypo', "demo.tape:2: unknown command 'Typo'"],
    ['Sleep 2x', "demo.tape:1: unknown command 'x'"],
    ['Sleep', 'demo.tape:1: Sleep needs a duration, e.g. Sleep 500ms'],
    ['Sleep 1.2.3', "demo.tape:1: '1.2.3' is not a duration"],
    ['Type@fast "x"', "demo.tape:1: Type@ needs a duration, e.g. Type@100ms, not 'fast'"],
    ['Type "abc', 'demo.tape:1: unterminated string (missing closing mark)'],
    ['Type', 'demo.tape:1: Type needs a quoted string, e.g. Type "hello"'],
    ['Type "a" ;', "demo.tape:1: unknown command ';'"],
    ['Left 0', 'demo.tape:1: Left count 0 is not between 1 and 1000'],
    ['Left 1001', 'demo.tape:1: Left count 1001 is not between 1 and 1000'],
    ['Left 1.5', "demo.tape:1: Left count '1.5' is not a whole number"],
    ['Ctrl+1', 'demo.tape:1: Ctrl+1: not a key Ctrl can press (a letter, Enter, Space, Backspace, an arrow or one of - @ [ ] ^ \\)'],
    ['Ctrl', 'demo.tape:1: Ctrl needs a key, e.g. Ctrl+C'],
    ['Ctrl+A+B', 'demo.tape:1: Ctrl+A: one key only after the modifiers'],
    ['Alt', 'demo.tape:1: Alt needs a key, e.g. Alt+Tab'],
    ['Shift+Left', 'demo.tape:1: Shift+Left: not a key Shift can press'],
    ['Wait+Foo', 'demo.tape:1: Wait+ takes Line or Screen'],
    ['Wait /[/', 'demo.tape:1: Wait: invalid regular expression /[/: /[/: Unterminated character class'],
    ['Set', "demo.tape:1: Set needs a setting name, e.g. Set TypingSpeed 50ms, not ''"],
    ['Set FontSize', 'demo.tape:1: Set FontSize needs a value'],
    ['Set TypingSpeed fast', "demo.tape:1: Set TypingSpeed needs a duration, not 'fast'"],
    ['Output', 'demo.tape:1: Output needs a file name, e.g. Output demo.cast'],
    ['Output demo', 'demo.tape:1: Output demo: name a file with its extension (demo.cast) or a folder ending in /'],
    ['Output /tmp/demo.cast', 'demo.tape:1: Output: quote a name that starts with /, e.g. Output "/tmp/demo.cast"'],
    ['Screenshot a.gif', 'demo.tape:1: Screenshot a.gif: name a .svg or .txt file'],
    ['Require', 'demo.tape:1: Require needs a program name, e.g. Require node'],
    ['Env 1X "a"', 'demo.tape:1: Env needs a variable name, e.g. Env NO_COLOR "1"'],
    ['Env X', 'demo.tape:1: Env X needs a value, e.g. Env X "1"'],
    ['Copy', 'demo.tape:1: Copy needs a quoted string, e.g. Copy "hello"'],
  ])('%j → %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('limits a tape to 10,000 steps', () => {
    expect(parse('Enter\n'.repeat(10_000))).toHaveLength(10_000);
    expect(errorOf('Enter\n'.repeat(10_001))).toBe('demo.tape:10001: the tape exceeds the limit of 10000 steps');
    expect(errorOf(`Type@1ms "${'x'.repeat(6000)}"`)).toBe('demo.tape:1: the tape exceeds the limit of 10000 steps');
  });

  it('limits a tape to one hour of sleep', () => {
    expect(tapeDurationMs(parse('Sleep 1800s\nSleep 1800s'))).toBe(3_600_000);
    expect(errorOf('Sleep 1800s\nSleep 1800s\nSleep 1ms')).toBe('demo.tape:3: the tape sleeps longer than the limit of 1 hour in total');
  });

  it('limits the keys a tape types in all (Left 1000 is a thousand redraws)', () => {
    const tape = Array.from({ length: 11 }, () => 'Left 1000').join('\n');
    expect(() => parseTape(tape, 'big.tape')).toThrow('big.tape:11: the tape types more than the limit of 10000 keys in all');
  });
});

/** A valid tape line with the number of steps it must produce. */
const validLine: fc.Arbitrary<{ text: string; steps: number }> = fc.oneof(
  fc
    .string({ maxLength: 20 })
    .filter((s) => !/["\r\n]/.test(s))
    .map((s) => ({ text: `Type "${s}"`, steps: s.length === 0 ? 0 : 1 })),
  fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.integer({ min: 1, max: 500 })).map(([s, ms]) => ({ text: `Type@${ms}ms '${s}'`, steps: 2 * s.length })),
  fc
    .tuple(fc.integer({ min: 0, max: 5000 }), fc.constantFrom('ms', 's', ''))
    .map(([n, unit]) => ({ text: `Sleep ${unit === 'ms' ? n : n % 60}${unit}`, steps: 1 })),
  fc
    .tuple(
      fc.constantFrom(
        'Enter',
        'Space',
        'Tab',
        'Backspace',
        'Escape',
        'Left',
        'Right',
        'Up',
        'Down',
        'PageUp',
        'PageDown',
        'Ctrl+C',
        'Ctrl+q',
        'Alt+x',
        'Shift+Tab',
      ),
      fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    )
    .map(([key, delay, count]) => {
      // Chords take no count in VHS: a number after one would be a command of its own.
      const chord = key.includes('+');
      const repeat = chord ? undefined : count;
      return {
        text: `${key}${delay === undefined || chord ? '' : `@${delay}ms`}${repeat === undefined ? '' : ` ${repeat}`}`,
        steps: delay === undefined || chord ? 1 : 2 * (repeat ?? 1),
      };
    }),
  fc.constantFrom(
    { text: '', steps: 0 },
    { text: '# note', steps: 0 },
    { text: '  #x', steps: 0 },
    { text: 'Hide', steps: 1 },
    { text: 'Set FontSize 9', steps: 0 },
  ),
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

  it('garbage either parses or throws UsageError naming file:line, never another error', () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc
        .tuple(
          fc.constantFrom('Type', 'Sleep', 'Enter', 'Ctrl+', 'Alt+', 'Shift+', 'Left', 'Set', 'Type@', 'Wait', 'Output', 'Source', 'Env'),
          fc.string({ maxLength: 20 }),
        )
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
});

describe('tape errors stay one line', () => {
  it('a value that spans lines (a JSON token) is quoted in the message', () => {
    expect(errorOf('Ctrl+{\nType')).toBe(
      "demo.tape:1: Ctrl+'{\\nType': not a key Ctrl can press (a letter, Enter, Space, Backspace, an arrow or one of - @ [ ] ^ \\)",
    );
  });
});
