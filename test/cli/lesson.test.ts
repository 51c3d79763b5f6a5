import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCast } from '../../src/export/asciicast.js';
import { asciinemaAccepts, hasAsciinema, replayCast } from '../export/cast-check.js';
import { runCli } from './run-cli.js';

const LESSON = fileURLToPath(new URL('../fixtures/lessons/gil-hand-offs.lesson', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'concur-lesson-cli-'));
const stripAnsi = (text: string) => text.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '');

let recorded: Promise<string> | undefined;
const recordedCast = () =>
  (recorded ??= (async () => {
    const file = join(dir, 'gil.cast');
    expect(await runCli(['lesson', LESSON, '--record', file, '--cols', '80', '--rows', '24'])).toMatchObject({ code: 0, stderr: '' });
    return file;
  })());

describe('concur-tui lesson FILE', () => {
  it('records every chapter with its caption, for the chapters’ durations, titled by the lesson', async () => {
    const { header, events } = readCast(readFileSync(await recordedCast(), 'utf8'));
    expect(header).toMatchObject({ version: 2, width: 80, height: 24, title: 'The GIL hands off every 5 ms' });
    const text = stripAnsi(events.map((event) => event[2]).join(''));
    for (const caption of ['Two threads, one GIL', 'A 1 ms switch interval', 'Free-threaded: both threads']) expect(text).toContain(caption);
    expect(text).toContain('1/3 Under the GIL');
    expect(events.at(-1)![0]).toBeCloseTo(11, 0);
  });

  it('ends on the last chapter: no GIL, and the presenter line', async () => {
    const screen = (await replayCast(await recordedCast())).map((line) => line.trimEnd());
    expect(screen[0]).toMatch(/│ no GIL │/);
    expect(screen).toContain('3/3 No GIL  Space pause · n next · p back · q quit');
  });

  it.runIf(hasAsciinema())('asciinema plays the cast', async () => {
    expect(asciinemaAccepts(await recordedCast())).toBe(true);
  });

  it('a bad lesson file is one line naming file:line, exit 2', async () => {
    const bad = join(dir, 'bad.lesson');
    writeFileSync(bad, 'chapter: A\nduration: 1s\ngil: maybe\n');
    const { code, stderr } = await runCli(['lesson', bad, '--record', join(dir, 'bad.cast')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`concur-tui: ${bad}:3: gil: unknown value 'maybe' (choose from none, pypy, new, old)\n`);
  });

  it('without a terminal or --record it is refused instead of playing to nobody', async () => {
    expect(await runCli(['lesson', LESSON])).toMatchObject({
      code: 2,
      stderr: 'concur-tui: lesson needs a terminal to play in, or --record FILE to write a cast\n',
    });
  });
});
