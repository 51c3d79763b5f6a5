import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

const DASHBOARD = (screen: string) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen);
/** The pane's terminal mode as stty reports it: raw mode has -icanon -echo. */
const ttyMode = (tty: string) => execFileSync('stty', ['-a', '-F', tty], { encoding: 'utf8' });
const cooked = (mode: string) => /(^|\s)icanon(\s|$)/.test(mode) && /(^|\s)echo(\s|$)/.test(mode);

describe('suspend and resume (issue 17, defect 12)', { timeout: 30_000 }, () => {
  it('SIGTSTP gives the terminal back (cooked, main screen, cursor shown); SIGCONT takes it again with a full redraw', async () => {
    session = new TmuxSession(`node ${BIN} --scenario sleep`);
    await session.waitFor(DASHBOARD);
    const pid = session.programPid()!;
    const tty = session.format('#{pane_tty}');
    expect(session.format('#{alternate_on}')).toBe('1');
    expect(cooked(ttyMode(tty))).toBe(false);

    process.kill(pid, 'SIGTSTP');
    await session.waitFor(() => session!.format('#{alternate_on}') === '0');
    await expect.poll(() => session!.format('#{cursor_flag}'), { timeout: 3_000 }).toBe('1');
    expect(cooked(ttyMode(tty))).toBe(true);
    expect(session.screen()).not.toContain('sleep │');

    process.kill(pid, 'SIGCONT');
    await session.waitFor(() => session!.format('#{alternate_on}') === '1');
    // The whole frame again, not only the cells that changed meanwhile.
    await session.waitFor((screen) => DASHBOARD(screen) && screen.includes('sleep │'));
    expect(session.format('#{cursor_flag}')).toBe('0');
    expect(cooked(ttyMode(tty))).toBe(false);

    // Raw again: one key acts at once, no Enter needed, and nothing is echoed.
    session.keys('q');
    const exited = await session.waitFor((screen) => screen.includes('EXIT='), 5_000);
    expect(exited).toContain('EXIT=0');
  });
});
