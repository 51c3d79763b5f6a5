import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

const TABLE = (screen: string) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen);
const cpusOf = (pid: string) => /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

/** Juggle's one core: the real runs are hosted by a child pinned to CPU 0, its children with it. */
async function pinnedRun(): Promise<TmuxSession> {
  const started = new TmuxSession(`node ${BIN} --scenario juggle --scale 50 --strategy processes --real`);
  await started.waitFor(TABLE);
  started.keys('Tab'); // the real view, whose caption says what runs
  await started.waitFor((screen) => screen.includes('Real: running process'));
  // The CLI, the host of the pinned session, and the strategy's two children.
  await expect.poll(() => started.leftovers().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  return started;
}

describe.runIf(process.platform === 'linux')('real runs pinned to fewer cores (tmux)', { timeout: 40_000 }, () => {
  it('the dashboard stays on every core; the host and its children run on one', async () => {
    session = await pinnedRun();
    const [program, ...pinned] = session.leftovers().sort((a, b) => Number(a) - Number(b));
    expect(cpusOf(program!)).not.toBe('0');
    for (const pid of pinned) expect(cpusOf(pid)).toBe('0');
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
  });

  it.each([
    ['q', 'EXIT=0'],
    ['SIGHUP', 'EXIT=129'],
    ['SIGTERM', 'EXIT=143'],
  ])('%s during a pinned run leaves no process behind', async (how, exit) => {
    session = await pinnedRun();
    const asked = performance.now();
    if (how === 'q') session.keys('q');
    else process.kill(session.programPid()!, how);
    while (session.leftovers().length > 0 && performance.now() - asked < 3_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(performance.now() - asked).toBeLessThan(1_000);
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain(exit);
    expect(session.leftovers()).toEqual([]);
  });

  it('a dashboard killed outright (SIGKILL) still leaves nothing: the host sees its link close', async () => {
    session = await pinnedRun();
    process.kill(session.programPid()!, 'SIGKILL');
    await expect.poll(() => session!.leftovers(), { timeout: 5_000 }).toEqual([]);
  });
});
