import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readCast } from '../../src/export/asciicast.js';
import { replayCast } from '../export/cast-check.js';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

const LESSON = fileURLToPath(new URL('../fixtures/lessons/gil-hand-offs.lesson', import.meta.url));
let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);
const dir = mkdtempSync(join(tmpdir(), 'concur-lesson-e2e-'));
const showing = (text: string) => (screen: string) => screen.includes(text);

describe('presenting a lesson in a terminal (tmux)', { timeout: 60_000 }, () => {
  it('Space pauses, n and p change chapter, n on the last ends it; the recording shows what the screen did', async () => {
    const file = join(dir, 'presented.cast');
    session = new TmuxSession(`node ${BIN} lesson ${LESSON} --record ${file}`);
    await session.waitFor(showing('1/3 Under the GIL  Space pause'));
    expect(session.screen()).toContain('Two threads, one GIL');
    session.keys('Space');
    await session.waitFor(showing('1/3 Under the GIL  paused · Space resumes'));
    // Paused longer than the chapter lasts (4 s): it stays.
    const paused = await session.settled(500);
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(session.screen()).toBe(paused);
    session.keys('n');
    await session.waitFor(showing('2/3 A shorter interval  paused'));
    session.keys('p');
    await session.waitFor(showing('1/3 Under the GIL  paused'));
    session.keys('Space');
    await session.waitFor(showing('1/3 Under the GIL  Space pause'));
    session.keys('n');
    session.keys('n');
    await session.waitFor(showing('3/3 No GIL'));
    expect(session.screen()).toContain('no GIL');
    session.keys('n');
    expect(await session.waitFor(showing('EXIT='))).toContain('EXIT=0');
    const { header } = readCast(readFileSync(file, 'utf8'));
    expect(header).toMatchObject({ version: 2, title: 'The GIL hands off every 5 ms' });
    expect((await replayCast(file)).join('\n')).toContain('3/3 No GIL');
  });

  it('plays through by itself to its end, exit 0', async () => {
    session = new TmuxSession(`node ${BIN} lesson ${LESSON}`);
    await session.waitFor(showing('1/3 Under the GIL'));
    await session.waitFor(showing('2/3 A shorter interval'), 15_000);
    await session.waitFor(showing('3/3 No GIL'), 15_000);
    expect(await session.waitFor(showing('EXIT='), 15_000)).toContain('EXIT=0');
  });

  it('the built-in demo takes the same keys: n, p, q; Ctrl-C exits 130', async () => {
    session = new TmuxSession(`node ${BIN} demo`);
    await session.waitFor(showing('1/7 Sequential'));
    session.keys('n');
    await session.waitFor(showing('2/7 Threads and the GIL'));
    expect(await session.waitFor(showing('core 0'))).toContain('2/6 Threads under the GIL take turns');
    session.keys('p');
    await session.waitFor(showing('1/7 Sequential'));
    session.keys('q');
    expect(await session.waitFor(showing('EXIT='))).toContain('EXIT=0');
    session.kill();
    session = new TmuxSession(`node ${BIN} demo`);
    await session.waitFor(showing('1/7 Sequential'));
    session.keys('C-c');
    expect(await session.waitFor(showing('EXIT='))).toContain('EXIT=130');
  });
});
