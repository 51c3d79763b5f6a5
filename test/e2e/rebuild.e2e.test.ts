import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempClone } from '../scripts/temp-clone.js';
import { TmuxSession, stopTmuxServer } from './tmux.js';

const clone = tempClone();
let session: TmuxSession | undefined;
afterAll(() => {
  session?.kill();
  stopTmuxServer();
  clone.remove();
});

const build = () => spawnSync(process.execPath, [join(clone.dir, 'scripts', 'build.mjs')], { encoding: 'utf8' });
const current = () => (JSON.parse(readFileSync(join(clone.dir, 'dist', 'build.json'), 'utf8')) as { id: string }).id;

describe('a dashboard running while its checkout is rebuilt (npm test, npm run build)', { timeout: 120_000 }, () => {
  it('keeps running on the build it started from: real runs still start their workers', async () => {
    expect(build().status).toBe(0);
    const started = current();
    session = new TmuxSession(`node ${join(clone.dir, 'bin', 'concur-tui')} --scenario count --scale 0.02 --strategy sequential,threads`);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen), 15_000);
    // Two rebuilds: the build it started from is then neither current nor the one before.
    expect(build().status).toBe(0);
    expect(build().status).toBe(0);
    expect(current()).not.toBe(started);
    expect(existsSync(join(clone.dir, `.dist-${started}`, 'src', 'engine', 'real', 'worker-pool.js'))).toBe(true);
    session.keys('Tab'); // the real view
    await session.waitFor((screen) => screen.includes('press r'));
    session.keys('r'); // loads the worker pool and the workers now, long after the rebuilds
    // The real elapsed beside the emulated one (which a busy machine may still be computing); the
    // caption names the GIL, or, when other programs slowed a run so much that it is flagged (!), says so.
    const realBesideEmulated = /threads\s+[*!]?\d+(\.\d+)?m?s\s+\S+\s+[│|]\s+\d/;
    const captioned = /Real.*(no GIL|real GIL)|^Real: .+ disturbed from outside/m;
    const done = await session.waitFor((screen) => captioned.test(screen) && /threads\s+count-1/.test(screen) && realBesideEmulated.test(screen), 30_000);
    expect(done).toMatch(realBesideEmulated);
    expect(done).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
    // Once it quit, its build is nobody's: the next build deletes it.
    expect(build().status).toBe(0);
    expect(existsSync(join(clone.dir, `.dist-${started}`))).toBe(false);
  });
});
