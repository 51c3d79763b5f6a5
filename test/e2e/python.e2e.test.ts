import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

describe('real Python beside the emulator, in a real terminal (tmux)', { timeout: 90_000 }, () => {
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
