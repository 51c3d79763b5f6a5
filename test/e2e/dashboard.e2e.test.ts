import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

const GANTT_AND_TABLE = (screen: string) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen) && /threads\s+driving/.test(screen);
const ganttRows = (screen: string) =>
  screen
    .split('\n')
    .filter((line) => /(driving|phoning)/.test(line))
    .join('\n');

describe('the dashboard in a real terminal (tmux)', { timeout: 30_000 }, () => {
  it('starts, shows the Gantt and the table, re-simulates on +, re-lays out on resize, exits 0 on q', async () => {
    session = new TmuxSession(`node ${BIN} --scenario juggle --speed 100`);
    // Until the table's threads row has its emulated time (the caption may also say "threads …").
    const first = await session.waitFor((screen) => GANTT_AND_TABLE(screen) && /^threads\s+-\s+-\s+[│|]\s+\S+s/m.test(screen));
    expect(first).toContain('juggle │ 1 core │ rr │ slice 4ms');
    expect(first).toMatch(/0─+/); // the time axis

    const barsBefore = ganttRows(first);
    session.keys('+');
    const after = await session.waitFor((screen) => screen.includes('slice 5ms'));
    expect(ganttRows(await session.settled())).not.toEqual(barsBefore); // once playback has reached the end
    expect(after.split('\n')[0]).toContain('juggle │ 1 core │ rr │ slice 5ms');

    session.resize(120, 30);
    const wide = await session.waitFor((screen) => screen.split('\n').some((line) => line.trimEnd().length > 80));
    expect(wide.split('\n')[0]).toMatch(/^juggle │/);
    expect(wide.split('\n').filter((line) => line.startsWith('juggle │'))).toHaveLength(1); // no leftovers of the old frame

    session.resize(50, 10);
    await session.waitFor((screen) => /Enlarge the terminal\s+to at least 60×14\s+\(now 50×10\)/.test(screen));
    session.resize(80, 24);
    await session.waitFor(GANTT_AND_TABLE);

    session.keys('q');
    const exited = await session.waitFor((screen) => screen.includes('EXIT='));
    expect(exited).toContain('EXIT=0');
    expect(exited).not.toContain('juggle │'); // the alternate screen is gone: the terminal is restored
    expect(session.leftovers()).toEqual([]);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s restores the terminal and exits %i', async (signal, code) => {
    session = new TmuxSession(`node ${BIN}`);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    const pid = session.programPid();
    expect(pid).toBeDefined();
    process.kill(pid!, signal);
    const exited = await session.waitFor((screen) => screen.includes('EXIT='));
    expect(exited).toContain(`EXIT=${code}`);
    expect(exited).not.toContain('count │');
    expect(session.leftovers()).toEqual([]);
  });

  it('Ctrl-C exits 130', async () => {
    session = new TmuxSession(`node ${BIN} --scenario sleep`);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    session.keys('C-c');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=130');
  });

  it('r runs the strategies for real: bars grow in the real view and the table gets a real column', async () => {
    session = new TmuxSession(`node ${BIN} --scenario count --scale 0.02 --strategy sequential,threads`);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    session.keys('Tab'); // the real view
    await session.waitFor((screen) => screen.includes('press r'));
    session.keys('r');
    // The real elapsed beside the emulated one (which a busy machine may still be computing); the
    // fastest real run carries its `*` and a disturbed one its `!` in the cell.
    const realBesideEmulated = /threads\s+[*!]?\d+(\.\d+)?m?s\s+\S+\s+[│|]\s+\*?\d/;
    const done = await session.waitFor(
      (screen) => /^Real\b(?!: running)/m.test(screen) && /threads\s+count-1/.test(screen) && realBesideEmulated.test(screen),
      20_000,
    );
    expect(done).toMatch(/sequential\s+count-1/);
    // Node's worker threads have no GIL: the caption says so, unless a busy machine slowed a run
    // so much that its figure is flagged (!), when it quotes nothing and says which was disturbed.
    const flagged = done.match(/^(sequential|threads)\s+!/gm)?.map((cell) => cell.split(/\s/)[0]) ?? [];
    if (flagged.length === 0) expect(done).toMatch(/^Real.*(no GIL|real GIL)/m);
    else expect(done).toMatch(new RegExp(`^Real: ${flagged.join(', ')} disturbed from outside`, 'm'));
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
    expect(session.leftovers()).toEqual([]);
  });

  it.each([
    ['q', 'EXIT=0'],
    ['SIGHUP', 'EXIT=129'],
  ])('%s during a real run with child processes leaves no process behind', async (how, exit) => {
    session = new TmuxSession(`node ${BIN} --scenario count --scale 1 --strategy processes --real`);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    session.keys('Tab'); // the real view, whose caption says what runs
    await session.waitFor((screen) => screen.includes('Real: running process'));
    await expect.poll(() => session!.leftovers().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3); // the CLI and its two children
    const asked = performance.now();
    if (how === 'q') session.keys('q');
    else process.kill(session.programPid()!, how);
    // Everything (the CLI, its workers, its children) is gone within a second.
    while (session.leftovers().length > 0 && performance.now() - asked < 3_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(performance.now() - asked).toBeLessThan(1_000);
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain(exit);
    expect(session.leftovers()).toEqual([]);
  });

  it('survives a resize storm (hundreds of SIGWINCH) and ends on a clean frame', async () => {
    session = new TmuxSession(`node ${BIN} --scenario juggle --speed 100`);
    await session.waitFor(GANTT_AND_TABLE);
    const pid = session.programPid()!;
    const sizes = [
      [20, 6],
      [300, 100],
      [61, 14],
      [120, 40],
      [80, 24],
    ] as const;
    session.resize(80, 24);
    for (let i = 0; i < 300; i++) process.kill(pid, 'SIGWINCH'); // the storm itself
    for (let i = 0; i < 40; i++) {
      const [columns, rows] = sizes[i % sizes.length]!;
      session.resize(columns, rows); // and real size changes
    }
    session.resize(100, 30);
    const settled = await session.waitFor((screen) => GANTT_AND_TABLE(screen) && screen.split('\n').some((line) => line.trimEnd().length > 80));
    const lines = settled.split('\n');
    expect(lines.filter((line) => line.startsWith('juggle │'))).toHaveLength(1);
    expect(lines[0]).toMatch(/^juggle │ 1 core/);
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
  });

  it('SIGINT (not a key) exits 130 and restores the terminal', async () => {
    session = new TmuxSession(`node ${BIN} --scenario sleep`);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    process.kill(session.programPid()!, 'SIGINT');
    const exited = await session.waitFor((screen) => screen.includes('EXIT='));
    expect(exited).toContain('EXIT=130');
    expect(exited).not.toContain('sleep │');
  });
});
