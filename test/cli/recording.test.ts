import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCast } from '../../src/export/asciicast.js';
import { dashboardSetup } from '../../src/cli/dashboard-setup.js';
import { castTheme } from '../../src/cli/theme-flags.js';
import { readTape } from '../../src/cli/tape-session.js';
import { scriptedFrames } from '../../src/ui/script/scripted-frames.js';
import { asciinemaAccepts, hasAsciinema, replayCast } from '../export/cast-check.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'concur-cast-'));
const TAPE = join(dir, 'tour.tape');
// A key of each kind; on juggle (one core, short tasks), whose re-emulations cost little.
writeFileSync(TAPE, ['# a little of everything', 'Sleep 1s', 'Type "+"', 'Sleep 500ms', 'Tab 3', 'Sleep 1s', 'Type "g"', 'Sleep 2s', ''].join('\n'));

// In-process (test/cli/run-cli.ts); binary.test.ts keeps one scripted cast made by the binary.
const cli = (...args: string[]) => runCli(args);
// A one-frame script, for what does not depend on what the cast shows (names, sizes, --force).
const BRIEF = join(dir, 'brief.tape');
writeFileSync(BRIEF, 'Sleep 100ms\n');

/** The tour recorded at 80×24, once for the tests that read it (its frames are the costly part). */
let tour: Promise<string> | undefined;
const tourCast = () =>
  (tour ??= (async () => {
    const file = join(dir, 'tour.cast');
    expect((await cli('--scenario', 'juggle', '--script', TAPE, '--record', file, '--cols', '80', '--rows', '24')).code).toBe(0);
    return file;
  })());

const stripAnsi = (text: string) => text.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '');

describe('scripted recordings (--script … --record)', () => {
  it('the same script and size give byte-identical events (only the header timestamp differs)', async () => {
    const again = join(dir, 'again.cast');
    expect((await cli('--scenario', 'juggle', '--script', TAPE, '--record', again, '--cols', '80', '--rows', '24')).code).toBe(0);
    const castA = readCast(readFileSync(await tourCast(), 'utf8'));
    const castB = readCast(readFileSync(again, 'utf8'));
    expect(castA.header).toMatchObject({ version: 2, width: 80, height: 24, title: 'concur-tui juggle' });
    expect(castA.events.length).toBeGreaterThan(30);
    expect(JSON.stringify(castA.events)).toBe(JSON.stringify(castB.events));
    // Timing comes from the script: 4.5 s of sleeps, frames at 15 fps.
    expect(castA.events.at(-1)![0]).toBeCloseTo(4.5, 1);
  });

  it('a player replaying the cast ends on exactly the frame the dashboard drew last', async () => {
    const file = await tourCast();
    const setup = dashboardSetup({ scenario: 'juggle' });
    const frames = [...scriptedFrames({ ...setup, theme: castTheme({}), size: { columns: 80, rows: 24 }, steps: readTape(TAPE).steps })];
    const shown = frames.at(-1)!.frame.toLines();
    const replayed = (await replayCast(file)).map((line) => line.trimEnd());
    expect(replayed.slice(0, shown.length)).toEqual(shown);
    expect(shown[0]).toContain('GIL old'); // g: new → old, the last key of the script
    expect(shown.join('\n')).toMatch(/core 0/); // Tab ×3: the per-core view
  });

  it.runIf(hasAsciinema())('asciinema plays the cast', async () => {
    expect(asciinemaAccepts(await tourCast())).toBe(true);
  });

  it('never overwrites a file without --force', async () => {
    const file = join(dir, 'mine.cast');
    writeFileSync(file, 'my own notes\n');
    const refused = await cli('--scenario', 'juggle', '--script', BRIEF, '--record', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`concur-tui: ${file} exists; use --force to overwrite\n`);
    expect(readFileSync(file, 'utf8')).toBe('my own notes\n');
    expect((await cli('--scenario', 'juggle', '--script', BRIEF, '--record', file, '--force')).code).toBe(0);
    expect(readCast(readFileSync(file, 'utf8')).header.version).toBe(2);
  });

  it.each([
    ['', '--record: the file name is empty'],
    [dir, `--record: ${dir} is a directory; name a file in it`],
    [join(dir, 'nope', 'x.cast'), `--record: directory ${join(dir, 'nope')} does not exist`],
  ])('--record %j is refused with what is wrong with the name', async (file, message) => {
    for (const force of [[], ['--force']]) {
      const { code, stderr } = await cli('--scenario', 'juggle', '--script', BRIEF, '--record', file, ...force);
      expect(code).toBe(2);
      expect(stderr).toBe(`concur-tui: ${message}\n`);
    }
  });

  it('a tape error names the file and line, with exit code 2', async () => {
    const bad = join(dir, 'bad.tape');
    writeFileSync(bad, 'Sleep 1s\nType "+"\nTypo\n');
    const { code, stderr } = await cli('--script', bad);
    expect(code).toBe(2);
    expect(stderr).toBe(`concur-tui: ${bad}:3: unknown command 'Typo'\n`);
  });

  it('a Ctrl+C in the tape with keys still to come quits with 130, as typed live', async () => {
    const tape = join(dir, 'quit.tape');
    writeFileSync(tape, 'Sleep 100ms\nCtrl+C\nSleep 5s\nTab\n');
    expect((await cli('--script', tape, '--record', join(dir, 'quit.cast'))).code).toBe(130);
    const { events } = readCast(readFileSync(join(dir, 'quit.cast'), 'utf8'));
    expect(events.at(-1)![0]).toBeCloseTo(0.1, 3); // the 5 s after the quit never happen
  });

  it('short sleeps in a row play like one long sleep (one playback clock across steps)', async () => {
    const many = join(dir, 'many.tape');
    const one = join(dir, 'one.tape');
    writeFileSync(many, 'Sleep 50ms\n'.repeat(40));
    writeFileSync(one, 'Sleep 2s\n');
    for (const [tape, cast] of [
      [many, 'many.cast'],
      [one, 'one.cast'],
    ] as const)
      expect((await cli('--script', tape, '--record', join(dir, cast))).code).toBe(0);
    const frames = (name: string) => readCast(readFileSync(join(dir, name), 'utf8')).events.length;
    expect(frames('many.cast')).toBe(frames('one.cast'));
    expect(frames('one.cast')).toBeGreaterThan(25); // 2 s at 15 fps
  });

  it('a flag given twice keeps its last value instead of failing', async () => {
    const file = join(dir, 'twice.cast');
    expect((await cli('--scenario', 'juggle', '--script', BRIEF, '--record', join(dir, 'first.cast'), '--record', file)).code).toBe(0);
    expect(readCast(readFileSync(file, 'utf8')).header.version).toBe(2);
  });

  it('a file name too long for the file system is a usage error, not an internal one', async () => {
    const { code, stderr } = await cli('--scenario', 'juggle', '--script', BRIEF, '--record', join(dir, `${'x'.repeat(300)}.cast`));
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write \(ENAMETOOLONG: name too long\)$/m);
  });

  it.each([
    [['--cols', '20', '--rows', '6'], '--cols: 20 is too narrow; the dashboard needs at least 60 columns (60×14)'],
    [['--cols', '80', '--rows', '13'], '--rows: 13 is too short; the dashboard needs at least 14 rows (60×14)'],
    [['--rows', '0'], '--rows: 0 is too short; the dashboard needs at least 14 rows (60×14)'],
  ])('a chosen size %j below the dashboard’s minimum is refused, and no cast is written', async (size, message) => {
    const file = join(dir, `small-${size.join('')}.cast`);
    const { code, stderr } = await cli('--scenario', 'juggle', '--script', BRIEF, '--record', file, ...size);
    expect(code).toBe(2);
    expect(stderr).toBe(`concur-tui: ${message}\n`);
    expect(existsSync(file)).toBe(false);
  });

  it('the smallest size the dashboard draws is accepted', async () => {
    const file = join(dir, 'smallest.cast');
    expect((await cli('--scenario', 'juggle', '--script', BRIEF, '--record', file, '--cols', '60', '--rows', '14')).code).toBe(0);
    expect(readCast(readFileSync(file, 'utf8')).header).toMatchObject({ width: 60, height: 14 });
  });

  it.each([
    [['--script', TAPE], '--script'],
    [['demo'], 'demo'],
  ])('%j without a terminal or --record is refused instead of playing to nobody', async (args, what) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`concur-tui: ${what} needs a terminal to play in, or --record FILE to write a cast\n`);
  });

  it('without a terminal, recording the live dashboard asks for a script', async () => {
    const { code, stderr } = await cli('--record', join(dir, 'live.cast'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--record needs a terminal to record; add --script FILE/);
  });
});

describe('concur-tui demo', () => {
  it('records a six-chapter tour of about 45 seconds, with its captions', async () => {
    const file = join(dir, 'demo.cast');
    expect((await cli('demo', '--record', file, '--cols', '80', '--rows', '24')).code).toBe(0);
    const { header, events } = readCast(readFileSync(file, 'utf8'));
    expect(header.title).toBe('concur-tui demo');
    const text = stripAnsi(events.map((event) => event[2]).join(''));
    for (const chapter of ['1/6 Sequential', '2/6 Threads under the GIL', '3/6 Processes', '4/6 Async', '5/6 Free-threaded', '6/6 The convoy effect']) {
      expect(text).toContain(chapter);
    }
    const seconds = events.at(-1)![0];
    expect(seconds).toBeGreaterThan(40);
    expect(seconds).toBeLessThan(60);
  });
});
