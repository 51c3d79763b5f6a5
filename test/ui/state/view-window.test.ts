import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_US, following, panned, shownWindow, zoomed } from '../../../src/ui/state/view-window.js';

const RUN_US = 26_000_000;

describe('the zoomed window', () => {
  it('is the whole run when not zoomed or as wide as the runs, and stays inside them otherwise', () => {
    expect(shownWindow(null, RUN_US)).toEqual({ startUs: 0, endUs: RUN_US });
    expect(shownWindow({ startUs: 5, spanUs: RUN_US }, RUN_US)).toEqual({ startUs: 0, endUs: RUN_US });
    // Runs re-emulated shorter than where the window was: it slides back inside.
    expect(shownWindow({ startUs: 25_000_000, spanUs: 3_000_000 }, RUN_US)).toEqual({ startUs: 23_000_000, endUs: RUN_US });
  });

  it('zooms in by round widths (1 and 3 × 10^k µs) centred on the playhead, down to 1 ms', () => {
    const widths: number[] = [];
    let window = zoomed(null, RUN_US, 13_000_000, 1);
    while (window !== null && !widths.includes(window.spanUs)) {
      widths.push(window.spanUs);
      expect(window.startUs + window.spanUs / 2).toBe(13_000_000);
      window = zoomed(window, RUN_US, 13_000_000, 1);
    }
    expect(widths).toEqual([10_000_000, 3_000_000, 1_000_000, 300_000, 100_000, 30_000, 10_000, 3_000, MIN_WINDOW_US]);
    expect(zoomed({ startUs: 0, spanUs: MIN_WINDOW_US }, RUN_US, 0, 1)).toEqual({ startUs: 0, spanUs: MIN_WINDOW_US });
  });

  it('zooms out a step at a time, to the whole run once a step is as wide as the runs', () => {
    expect(zoomed({ startUs: 12_985_000, spanUs: 30_000 }, RUN_US, 13_000_000, -1)).toEqual({ startUs: 12_950_000, spanUs: 100_000 });
    expect(zoomed({ startUs: 8_000_000, spanUs: 10_000_000 }, RUN_US, 13_000_000, -1)).toBeNull();
    expect(zoomed(null, RUN_US, 0, -1)).toBeNull();
  });

  it('keeps the window inside the run when the playhead is near an end, and centres on the window when the playhead is off screen', () => {
    expect(zoomed(null, RUN_US, RUN_US, 1)).toEqual({ startUs: RUN_US - 10_000_000, spanUs: 10_000_000 });
    expect(zoomed({ startUs: 1_000_000, spanUs: 3_000_000 }, RUN_US, 20_000_000, 1)).toEqual({ startUs: 2_000_000, spanUs: 1_000_000 });
  });

  it('pans half a window, never past either end; the whole run does not pan', () => {
    const window = { startUs: 1_000_000, spanUs: 3_000_000 };
    expect(panned(window, RUN_US, 1)).toEqual({ startUs: 2_500_000, spanUs: 3_000_000 });
    expect(panned(window, RUN_US, -1)).toEqual({ startUs: 0, spanUs: 3_000_000 });
    expect(panned({ startUs: 22_000_000, spanUs: 3_000_000 }, RUN_US, 1)).toEqual({ startUs: 23_000_000, spanUs: 3_000_000 });
    expect(panned(null, RUN_US, 1)).toBeNull();
  });

  it('turns pages to keep a playhead that was on screen in view, and leaves one the user panned away from', () => {
    const window = { startUs: 10_000, spanUs: 30_000 };
    expect(following(window, RUN_US, 35_000, 45_000)).toEqual({ startUs: 40_000, spanUs: 30_000 });
    // A big jump turns as many pages as it takes.
    expect(following(window, RUN_US, 35_000, 105_000)).toEqual({ startUs: 100_000, spanUs: 30_000 });
    expect(following(window, RUN_US, 15_000, 5_000)).toEqual({ startUs: 0, spanUs: 30_000 });
    expect(following(window, RUN_US, 20_000, 25_000)).toBe(window);
    expect(following(window, RUN_US, 90_000, 95_000)).toBe(window);
    // At the run's end the last page stays.
    expect(following({ startUs: RUN_US - 40_000, spanUs: 30_000 }, RUN_US, RUN_US - 15_000, RUN_US)).toEqual({ startUs: RUN_US - 30_000, spanUs: 30_000 });
  });
});
