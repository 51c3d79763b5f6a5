import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

describe('real Python beside the emulator, in a real terminal (tmux)', { timeout: 60_000 }, () => {
  it('R switches the real column to CPython; side by side at 80×24 shows its threads under the GIL', async () => {
    session = new TmuxSession(`node ${BIN} --scenario count --scale 0.02 --strategy sequential,threads`, 80, 24);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    session.keys('R', 'Tab', 'Tab'); // a real Python, then the side-by-side view
    await session.waitFor((screen) => screen.includes('press r to run them on a real Python'));
    session.keys('r');
    const done = await session.waitFor(
      (screen) => /Real CPython 3\.\d+\.\d+, GIL: threads \d+\.\d\d× sequential/.test(screen) && /real, here/.test(screen),
      30_000,
    );
    expect(done.split('\n').filter((line) => line.includes('real, here')).length).toBeGreaterThanOrEqual(1);
    expect(done).toMatch(/threads\s+count-1/);
    expect(done).toMatch(/^threads\s+[*!]?\d+(\.\d+)?m?s\s+\d\.\d\d/m); // the real elapsed beside the emulated one
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
    expect(session.leftovers()).toEqual([]);
  });

  it('SIGHUP during a Python run with multiprocessing children leaves no process behind', async () => {
    session = new TmuxSession(`node ${BIN} --scenario count --scale 1 --strategy processes --runtime python --real`, 80, 24);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    // The CLI, the interpreter and its two children.
    await expect.poll(() => session!.leftovers().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    process.kill(session.programPid()!, 'SIGHUP');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=129');
    await expect.poll(() => session!.leftovers(), { timeout: 2_000 }).toEqual([]);
  });
});
