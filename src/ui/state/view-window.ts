/**
 * A zoomed slice of the timeline, in µs from the runs' start (absolute, so the axis keeps the
 * run's times). The model holds `null` for the whole run.
 */
export interface ViewWindow {
  startUs: number;
  spanUs: number;
}

/** The window a panel draws: resolved against the end of what it shows. */
export interface ShownWindow {
  startUs: number;
  endUs: number;
}

/** What the timeline keys do (zoom, pan, back to the whole run, step the playhead). */
export const TIMELINE_MOVES = ['zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'whole-run', 'step-forward', 'step-back'] as const;
export type TimelineMove = (typeof TIMELINE_MOVES)[number];

/**
 * The narrowest window: 1 ms. At 80 columns (~57 cells of bars) a cell is then ~18 µs, so a
 * 50 µs context switch is a few cells wide and a 5 ms GIL switch interval a good part of the row.
 */
export const MIN_WINDOW_US = 1_000;

/**
 * Window widths zoom steps through: 1 and 3 × 10^k µs from MIN_WINDOW_US (1 ms, 3 ms, 10 ms,
 * 30 ms…): about ×3 a press, so a 26 s run is six presses from a 30 ms window, and the widths
 * stay round numbers the axis labels well.
 */
function* ladder(): Generator<number> {
  for (let decade = MIN_WINDOW_US; ; decade *= 10) {
    yield decade;
    yield 3 * decade;
  }
}

/** The widest ladder width narrower than `spanUs`, or null below the narrowest. */
function narrowerThan(spanUs: number): number | null {
  let found: number | null = null;
  for (const width of ladder()) {
    if (width >= spanUs) return found;
    found = width;
  }
  return found;
}

/** The narrowest ladder width wider than `spanUs`. */
function widerThan(spanUs: number): number {
  for (const width of ladder()) if (width > spanUs) return width;
  return spanUs; // unreachable: the ladder has no end
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The window shown of a timeline that ends at `endUs`: the whole of it when not zoomed or when
 * the window is as wide as the runs, else the window kept inside [0, endUs] (a re-emulation may
 * have shortened the runs since the window was chosen).
 */
export function shownWindow(window: ViewWindow | null, endUs: number): ShownWindow {
  if (window === null || window.spanUs >= endUs) return { startUs: 0, endUs };
  const startUs = clamp(window.startUs, 0, endUs - window.spanUs);
  return { startUs, endUs: startUs + window.spanUs };
}

/**
 * One zoom step in (`1`) or out (`-1`) of a timeline ending at `endUs`, around `anchorUs` (the
 * playhead) when it is on screen, else around the middle of the window. Zooming out past the
 * runs' length gives the whole run (null); zooming in past the narrowest width changes nothing.
 */
export function zoomed(window: ViewWindow | null, endUs: number, anchorUs: number | null, direction: 1 | -1): ViewWindow | null {
  const shown = shownWindow(window, endUs);
  const spanUs = shown.endUs - shown.startUs;
  const nextSpanUs = direction === 1 ? narrowerThan(spanUs) : widerThan(spanUs);
  if (nextSpanUs === null) return window;
  if (nextSpanUs >= endUs) return null;
  const onScreen = anchorUs !== null && anchorUs >= shown.startUs && anchorUs <= shown.endUs;
  const centreUs = onScreen ? anchorUs : (shown.startUs + shown.endUs) / 2;
  return { startUs: clamp(Math.round(centreUs - nextSpanUs / 2), 0, endUs - nextSpanUs), spanUs: nextSpanUs };
}

/** Half a window to the left (`-1`) or right (`1`), never past the timeline's ends; the whole run does not pan. */
export function panned(window: ViewWindow | null, endUs: number, direction: 1 | -1): ViewWindow | null {
  if (window === null || window.spanUs >= endUs) return window;
  const shown = shownWindow(window, endUs);
  return { startUs: clamp(shown.startUs + direction * Math.round(window.spanUs / 2), 0, endUs - window.spanUs), spanUs: window.spanUs };
}

/**
 * The window after the playhead moved from `beforeUs` to `afterUs`: if it was on screen and has
 * left it, the window turns whole pages to keep it in view (playback and stepping never run off
 * the picture); a playhead the user panned away from is left alone.
 */
export function following(window: ViewWindow | null, endUs: number, beforeUs: number, afterUs: number): ViewWindow | null {
  if (window === null || window.spanUs >= endUs) return window;
  const shown = shownWindow(window, endUs);
  const span = window.spanUs;
  if (beforeUs < shown.startUs || beforeUs > shown.endUs) return window;
  let startUs = shown.startUs;
  if (afterUs >= shown.endUs) startUs += span * Math.floor((afterUs - shown.startUs) / span);
  else if (afterUs < shown.startUs) startUs -= span * Math.ceil((shown.startUs - afterUs) / span);
  else return window;
  return { startUs: clamp(startUs, 0, endUs - span), spanUs: span };
}
