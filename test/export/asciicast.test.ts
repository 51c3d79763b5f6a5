import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { CastWriter, readCast } from '../../src/export/asciicast.js';
import { asciinemaAccepts, hasAsciinema, replayCast } from './cast-check.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'concur-tui-cast-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = { width: 20, height: 4, timestamp: 1_700_000_000, env: { TERM: 'xterm-256color' } };

function write(file: string, build: (cast: CastWriter) => void): void {
  const cast = CastWriter.create(file, HEADER, { force: false });
  build(cast);
  cast.close();
}

describe('CastWriter', () => {
  it('retitles the cast when it closes, in the header room kept for it, leaving the events as they were', () => {
    const file = join(dir, 'retitled.cast');
    const cast = CastWriter.create(file, { ...HEADER, title: 'concur-tui count', titleRoom: 40 }, { force: false });
    cast.output(0.1, 'count');
    cast.retitle('concur-tui count → convoy');
    cast.output(0.2, 'convoy');
    cast.close();
    const text = readFileSync(file, 'utf8');
    expect(readCast(text).header.title).toBe('concur-tui count → convoy');
    expect(readCast(text).events).toEqual([
      [0.1, 'o', 'count'],
      [0.2, 'o', 'convoy'],
    ]);
    // A title longer than the room leaves the first one; without room there is none.
    const tight = join(dir, 'tight.cast');
    const small = CastWriter.create(tight, { ...HEADER, title: 'a', titleRoom: 3 }, { force: false });
    small.retitle('a title far longer than three bytes');
    small.close();
    expect(readCast(readFileSync(tight, 'utf8')).header.title).toBe('a');
  });

  it('writes a header and output, resize and marker events that readCast reads back', () => {
    const file = join(dir, 'a.cast');
    write(file, (cast) => {
      cast.output(0.1, 'hi\r\n');
      cast.resize(0.25, 30, 5);
      cast.marker(1, 'step 2');
      cast.output(1.5, '"quoted" \x1b[1mbold\x1b[0m é');
    });
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('{"version":2,"width":20,"height":4,"timestamp":1700000000,"env":{"TERM":"xterm-256color"}}');
    expect(readCast(text)).toEqual({
      header: { version: 2, ...HEADER },
      events: [
        [0.1, 'o', 'hi\r\n'],
        [0.25, 'r', '30x5'],
        [1, 'm', 'step 2'],
        [1.5, 'o', '"quoted" \x1b[1mbold\x1b[0m é'],
      ],
    });
  });

  it('every write reaches the file at once, so the file is a valid cast after each event', () => {
    const file = join(dir, 'live.cast');
    const cast = CastWriter.create(file, HEADER, { force: false });
    expect(readCast(readFileSync(file, 'utf8')).events).toEqual([]);
    for (let i = 1; i <= 3; i++) {
      cast.output(i / 10, `frame ${i}`);
      const { events } = readCast(readFileSync(file, 'utf8'));
      expect(events).toHaveLength(i);
      expect(events.at(-1)).toEqual([i / 10, 'o', `frame ${i}`]);
    }
    cast.close();
    cast.close();
  });

  it('rounds times to microseconds and never lets them go backwards', () => {
    const file = join(dir, 't.cast');
    write(file, (cast) => {
      cast.output(0.1234567, 'a');
      cast.output(0.05, 'b');
      cast.output(-1, 'c');
      cast.output(2, 'd');
    });
    expect(readCast(readFileSync(file, 'utf8')).events.map(([t]) => t)).toEqual([0.123457, 0.123457, 0.123457, 2]);
  });

  it('defaults timestamp to now and env to TERM/SHELL, and includes a title when given', () => {
    const file = join(dir, 'd.cast');
    const before = Math.floor(Date.now() / 1000);
    CastWriter.create(file, { width: 80, height: 24, title: 'demo' }, { force: false }).close();
    const { header } = readCast(readFileSync(file, 'utf8'));
    expect(header.timestamp).toBeGreaterThanOrEqual(before);
    expect(header.title).toBe('demo');
    const expected: Record<string, string> = {};
    if (process.env.TERM !== undefined) expected.TERM = process.env.TERM;
    if (process.env.SHELL !== undefined) expected.SHELL = process.env.SHELL;
    expect(header.env).toEqual(expected);
  });

  it('refuses an existing file without force and leaves it untouched', () => {
    const file = join(dir, 'keep.cast');
    writeFileSync(file, 'precious');
    expect(() => CastWriter.create(file, HEADER, { force: false })).toThrow(new UsageError(`${file} exists; use --force to overwrite`));
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('replaces an existing file with force', () => {
    const file = join(dir, 'old.cast');
    writeFileSync(file, 'x'.repeat(10_000));
    CastWriter.create(file, HEADER, { force: true }).close();
    expect(readCast(readFileSync(file, 'utf8')).events).toEqual([]);
  });

  it('a missing directory or a bad size is a UsageError', () => {
    expect(() => CastWriter.create(join(dir, 'nope', 'a.cast'), HEADER, { force: false })).toThrow(UsageError);
    expect(() => CastWriter.create(join(dir, 'a.cast'), { width: 0, height: 4 }, { force: false })).toThrow(UsageError);
  });

  it('writing after close is a bug and throws', () => {
    const cast = CastWriter.create(join(dir, 'c.cast'), HEADER, { force: false });
    cast.close();
    expect(() => cast.output(1, 'late')).toThrow('write after close');
  });
});

describe('readCast', () => {
  const head = '{"version":2,"width":20,"height":4}';
  it.each([
    ['', 'line 1: not JSON'],
    ['{"version":1,"width":20,"height":4}', 'line 1: bad header: version is 1, expected 2'],
    ['{"version":2,"width":20}', 'line 1: bad header: height is not a positive integer'],
    ['{"version":2,"width":2.5,"height":4}', 'line 1: bad header: width is not a positive integer'],
    [`${head}\n[1,"o","a"]\nnot json`, 'line 3: not JSON'],
    [`${head}\n[1,"o","a"]\n[0.5,"o","b"]`, 'line 3: bad event: time 0.5 is before the previous 1'],
    [`${head}\n[-1,"o","a"]`, 'line 2: bad event: time -1 is before the previous 0'],
    [`${head}\n[1,"x","a"]`, 'line 2: bad event: unknown code "x"'],
    [`${head}\n[1,"o",5]`, 'line 2: bad event: data is not a string'],
    [`${head}\n[1,"o"]`, 'line 2: bad event: not a 3-element array'],
    [`${head}\n[1,"r","wide"]`, 'line 2: bad event: resize data "wide" is not COLSxROWS'],
    [`${head}\n\n[1,"o","a"]`, 'line 2: not JSON'],
  ])('%j → %s', (text, message) => {
    expect(() => readCast(text)).toThrow(message);
  });

  it('accepts input events and a final newline', () => {
    expect(readCast(`${head}\n[0,"i","q"]\n`).events).toEqual([[0, 'i', 'q']]);
  });
});

describe('cast checks', () => {
  it('replayCast shows the final screen', async () => {
    const file = join(dir, 'screen.cast');
    write(file, (cast) => cast.output(0, '\x1b[2J\x1b[1;1Hhello\x1b[2;3Hworld'));
    expect(await replayCast(file)).toEqual(['hello', '  world', '', '']);
  });

  it('replayCast follows resizes', async () => {
    const file = join(dir, 'resize.cast');
    write(file, (cast) => {
      cast.resize(0, 10, 2);
      cast.output(0.1, '\x1b[2J\x1b[Hab\x1b[2;1Hcd');
    });
    expect(await replayCast(file)).toEqual(['ab', 'cd']);
  });

  it.runIf(hasAsciinema())(
    'asciinema accepts a written cast and rejects a line that is not JSON',
    () => {
      // Quotes in the name check that the shell command is quoted right in the accepting case too.
      const good = join(dir, "it's good.cast");
      write(good, (cast) => {
        cast.output(0.01, 'hello\r\n');
        cast.marker(0.02, 'end');
      });
      expect(asciinemaAccepts(good)).toBe(true);
      const bad = join(dir, "it's bad.cast");
      writeFileSync(bad, `${readFileSync(good, 'utf8')}this is not json\n`);
      expect(asciinemaAccepts(bad)).toBe(false);
    },
    30_000,
  );
});
