import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

/**
 * Real CPython's threads under its GIL, side by side with the emulator's, in the real binary: the
 * real speed-up is a timing checked against a tolerance, so this file runs with the quiet tests,
 * alone (vitest.quiet.config.ts), not beside the main suite's other files.
 */
describe('real Python beside the emulator, in a real terminal (tmux)', { timeout: 90_000 }, () => {
  it('R switches the real column to CPython; side by side at 80×24 shows its threads under the GIL', async () => {
    session = new TmuxSession(`node ${BIN} --scenario count --scale 0.02 --strategy sequential,threads`, 80, 24);
    await session.waitFor((screen) => /strategy\s+real\s+×real\s+[│|]\s+emulated/.test(screen));
    session.keys('R', 'Tab', 'Tab'); // a real Python, then the side-by-side view
    // The emulated column is python3's twin now (the header says which), before anything ran.
    const switched = await session.waitFor((screen) => screen.includes('press r to run them on a real Python'));
    expect(switched.split('\n')[0]).toMatch(/│ GIL new 5ms │ twin cpython-3\.12 │/);
    session.keys('r');
    // A busy machine can slow one run so much that its figure is flagged (!): then the caption
    // quotes nothing and says which was disturbed.
    const gilCaption = /Real CPython 3\.\d+\.\d+, GIL: threads \d+\.\d\d× sequential/;
    const disturbedCaption = /^Real: (.+) disturbed from outside/m;
    const done = await session.waitFor((screen) => (gilCaption.test(screen) || disturbedCaption.test(screen)) && /real, here/.test(screen), 30_000);
    const flagged = done.match(/^(sequential|threads)\s+!/gm)?.map((cell) => cell.split(/\s/)[0]) ?? [];
    expect(done.match(disturbedCaption)?.[1]?.split(', ') ?? []).toEqual(flagged);
    expect(done.split('\n').filter((line) => line.includes('real, here')).length).toBeGreaterThanOrEqual(1);
    expect(done).toMatch(/threads\s+count-1/);
    expect(done).toMatch(/^threads\s+[*!]?\d+(\.\d+)?m?s\s+\d\.\d\d/m); // the real elapsed beside the emulated one
    // Under the GIL two CPU threads take about as long as one after the other, real and emulated:
    // the table's speed-ups (×real, ×emu) of threads are both near 1, where no GIL would give ≈ 2.
    // The emulated cells fill in when playback ends (live rows show … until then).
    const THREADS_ROW = /^threads\s+\S+\s+(\d\.\d\d) [│|]\s+\S+\s+(\d\.\d\d)/m;
    const ended = await session.waitFor((screen) => THREADS_ROW.test(screen), 40_000);
    const row = ended.match(THREADS_ROW);
    expect(row).not.toBeNull();
    for (const speedup of [...(flagged.length === 0 ? [Number(row![1])] : []), Number(row![2])]) {
      expect(speedup).toBeGreaterThan(0.6);
      expect(speedup).toBeLessThan(1.6);
    }
    // Both real threads ran, each for a good part of the run: with an axis per group (a), each
    // real lane of threads is drawn across the panel.
    session.keys('a');
    const realThreadLanes = (screen: string) => {
      const lines = screen.split('\n');
      return lines.slice(lines.findLastIndex((line) => /^threads\s+count-1/.test(line))).slice(0, 2);
    };
    const glyphs = (lane: string) => lane.match(/[█▉▊▋▌▍▎▏▒░]/g)?.length ?? 0;
    const ownAxes = await session.waitFor((screen) => realThreadLanes(screen).every((lane) => glyphs(lane) > 20));
    expect(realThreadLanes(ownAxes).map((lane) => glyphs(lane) > 20)).toEqual([true, true]);
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
    expect(session.leftovers()).toEqual([]);
  });
});
