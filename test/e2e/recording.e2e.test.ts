import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readCast } from '../../src/export/asciicast.js';
import { replayCast } from '../export/cast-check.js';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);
const dir = mkdtempSync(join(tmpdir(), 'concur-rec-'));
const TABLE = (screen: string) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen);

describe('recording the live dashboard (tmux)', { timeout: 30_000 }, () => {
  it('--record writes a cast of what the screen showed; a player ends on the same picture', async () => {
    const file = join(dir, 'live.cast');
    session = new TmuxSession(`node ${BIN} --scenario juggle --speed 100 --record ${file}`);
    await session.waitFor(TABLE);
    session.keys('+');
    const shown = await session.waitFor((screen) => screen.includes('slice 5ms') && TABLE(screen));
    const finalScreen = await session.settled(); // playback (speed 100) has ended
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
    const { header, events } = readCast(readFileSync(file, 'utf8'));
    expect(header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(events.length).toBeGreaterThan(3);
    const replayed = (await replayCast(file)).map((line) => line.trimEnd());
    const expected = finalScreen
      .split('\n')
      .slice(0, 23)
      .map((line) => line.trimEnd());
    expect(replayed.slice(0, 23)).toEqual(expected);
    expect(shown).toContain('juggle │ 1 core │ rr │ slice 5ms');
  });

  it('a live cast is titled after the scenarios it showed, with a chapter mark at each change', async () => {
    const file = join(dir, 'tour.cast');
    session = new TmuxSession(`node ${BIN} --scenario juggle --speed 100 --record ${file}`);
    await session.waitFor(TABLE);
    session.keys('6'); // convoy, the sixth scenario
    await session.waitFor((screen) => screen.startsWith('convoy │') && TABLE(screen));
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
    const { header, events } = readCast(readFileSync(file, 'utf8'));
    expect(header.title).toBe('concur-tui juggle → convoy');
    expect(events.filter((event) => event[1] === 'm').map((event) => event[2])).toEqual(['convoy']);
  });

  it('--cols/--rows fix the picture and the cast header; SIGHUP leaves a valid cast', async () => {
    const file = join(dir, 'fixed.cast');
    session = new TmuxSession(`node ${BIN} --record ${file} --cols 70 --rows 20`, 100, 30);
    await session.waitFor(TABLE);
    session.resize(90, 28); // the window changes; the recording keeps its size
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(session.programPid()!, 'SIGHUP');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=129');
    const { header, events } = readCast(readFileSync(file, 'utf8'));
    expect(header).toMatchObject({ width: 70, height: 20 });
    expect(events.filter((event) => event[1] === 'r')).toEqual([]);
    const replayed = await replayCast(file);
    expect(replayed[0]).toMatch(/^count │ 2 cores/);
    expect(Math.max(...replayed.map((line) => line.trimEnd().length))).toBeLessThanOrEqual(70);
  });

  it('without a fixed size, a resize is recorded as an "r" event', async () => {
    const file = join(dir, 'resized.cast');
    session = new TmuxSession(`node ${BIN} --record ${file}`);
    await session.waitFor(TABLE);
    session.resize(100, 30);
    await session.waitFor((screen) => screen.split('\n').some((line) => line.trimEnd().length > 80));
    session.keys('q');
    await session.waitFor((screen) => screen.includes('EXIT='));
    const { events } = readCast(readFileSync(file, 'utf8'));
    expect(events.filter((event) => event[1] === 'r').map((event) => event[2])).toContain('100x30');
  });
});
