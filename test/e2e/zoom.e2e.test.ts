import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

/** At 80 columns the bars start after a 21-column label and a space. */
const BAR_START = 22;
const threadRows = (screen: string) => {
  const lines = screen.split('\n');
  const first = lines.findIndex((line) => /^threads {2,}count-1 /.test(line));
  return [lines[first]!, lines[first + 1]!].map((line) => line.slice(BAR_START));
};
const axisRow = (screen: string) => screen.split('\n').find((line) => /▲\d/.test(line)) ?? '';

/** Lengths of the maximal runs of running (█) and gil-wait (▒) cells, leaving out the runs the window's edges cut. */
function turns(bars: string): number[] {
  const runs = bars.trimEnd().match(/(.)\1*/gu) ?? [];
  return runs
    .slice(1, -1)
    .filter((run) => run[0] === '█' || run[0] === '▒')
    .map((run) => [...run].length);
}

describe('zooming the dashboard in a real terminal (tmux)', { timeout: 30_000 }, () => {
  it('z zooms count to a 30 ms window where the threads take ~5 ms turns; w gives the whole run back', async () => {
    // No colour: each state has its own glyph. Speed 100: playback ends at once, so the window is all played.
    session = new TmuxSession(`env NO_COLOR=1 node ${BIN} --scenario count --speed 100`);
    const whole = await session.waitFor((screen) => /^threads\s+-\s+-\s+[│|]\s+26\.11s/m.test(screen) && /▲26\.1s/.test(axisRow(screen)));
    expect(axisRow(whole)).toMatch(/0─+5s─+10s─+15s─+20s─+25s$/);
    // Whole, a cell is ~0.45 s: the 5 ms turns alias into one- and two-cell stripes.
    expect(Math.max(...threadRows(whole).flatMap(turns))).toBeLessThanOrEqual(3);

    for (let i = 0; i < 6; i++) session.keys('z');
    // A 30 ms window at the end of the run (the playhead's place), ticks every 10 ms.
    await session.waitFor((screen) => /26\.09s─+26\.1s─+26\.11s/.test(axisRow(screen)));
    // A window back (two half-window pans), away from the threads' last, uneven turns.
    session.keys('<');
    session.keys('<');
    const zoomed = await session.waitFor((screen) => /26\.06s─+26\.07s─+26\.08s/.test(axisRow(screen)));
    const cellUs = 30_000 / (80 - BAR_START);
    for (const row of threadRows(zoomed)) {
      const lengths = turns(row);
      expect(lengths.length, row).toBeGreaterThanOrEqual(3);
      for (const cells of lengths) {
        expect(cells, row).toBeGreaterThanOrEqual(2);
        expect(cells * cellUs, row).toBeGreaterThan(3_500);
        expect(cells * cellUs, row).toBeLessThan(6_500);
      }
    }

    session.keys('w');
    await session.waitFor((screen) => axisRow(screen) === axisRow(whole));
    session.keys('q');
    expect(await session.waitFor((screen) => screen.includes('EXIT='))).toContain('EXIT=0');
  });
});
