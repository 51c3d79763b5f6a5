import { assertNever, formatDuration } from '../../engine/index.js';
import { PLAYBACK_SECONDS, type Model } from './model.js';
import { MIN_WINDOW_US, following, panned, shownWindow, zoomed, type TimelineMove } from './view-window.js';

/** Where the timeline ends: playback stops at `endUs` (the emulated runs); the view's window is kept inside `viewEndUs`. */
export interface TimelineEnds {
  /** The end of emulated playback: the longest emulated run. */
  endUs: number;
  /** The end of what the view on screen draws (real runs too): the window's bounds. */
  viewEndUs: number;
}

/** The time the picture spans for playback: the zoomed window, or the emulated runs when not zoomed. */
function playedSpanUs(model: Model, ends: TimelineEnds): number {
  if (model.window === null) return ends.endUs;
  const shown = shownWindow(model.window, ends.viewEndUs);
  return Math.min(shown.endUs - shown.startUs, ends.endUs);
}

/** A step of the playhead: 1/100 of the window on screen (of the whole run when not zoomed). */
function stepUs(model: Model, ends: TimelineEnds): number {
  return Math.max(1, playedSpanUs(model, ends) / 100);
}

/** The playhead moved to `playheadUs`: the window follows it if it would leave the picture. */
function withPlayhead(model: Model, playheadUs: number, ends: TimelineEnds): Model {
  return { ...model, playheadUs, window: following(model.window, ends.viewEndUs, model.playheadUs, playheadUs) };
}

/**
 * The model after a timeline key: zoom and pan move the window, steps move the playhead (and
 * pause). A key that can move nothing says why in the caption, so no key press goes unanswered.
 */
export function moveTimeline(model: Model, move: TimelineMove, ends: TimelineEnds): Model {
  const next = moved(model, move, ends);
  const [before, after] = [shownWindow(model.window, ends.viewEndUs), shownWindow(next.window, ends.viewEndUs)];
  const same = next.playheadUs === model.playheadUs && next.paused === model.paused && before.startUs === after.startUs && before.endUs === after.endUs;
  return same ? { ...next, notice: noEffect(move, before.endUs - before.startUs < ends.viewEndUs) } : next;
}

/** Why a timeline key changed nothing (`zoomedIn`: the window is narrower than the runs). */
function noEffect(move: TimelineMove, zoomedIn: boolean): string {
  const whole = 'the whole run is on screen';
  switch (move) {
    case 'zoom-in':
      return `z: the window is as narrow as it goes (${formatDuration(MIN_WINDOW_US)})`;
    case 'zoom-out':
      return `Z: ${whole}`;
    case 'whole-run':
      return `w: ${whole}`;
    case 'pan-left':
      return zoomedIn ? '<: the window is at the start of the run' : `<: ${whole} (z zooms in, then < and > pan)`;
    case 'pan-right':
      return zoomedIn ? '>: the window is at the end of the run' : `>: ${whole} (z zooms in, then < and > pan)`;
    case 'step-forward':
      return '.: the playhead is at the end';
    case 'step-back':
      return ',: the playhead is at the start';
    default:
      return assertNever(move, 'timeline move');
  }
}

function moved(model: Model, move: TimelineMove, ends: TimelineEnds): Model {
  // The real view has no playhead (real runs are drawn whole): zoom there centres on the window.
  const anchorUs = model.view === 'real' ? null : model.playheadUs;
  switch (move) {
    case 'zoom-in':
      return { ...model, window: zoomed(model.window, ends.viewEndUs, anchorUs, 1) };
    case 'zoom-out':
      return { ...model, window: zoomed(model.window, ends.viewEndUs, anchorUs, -1) };
    case 'pan-left':
      return { ...model, window: panned(model.window, ends.viewEndUs, -1) };
    case 'pan-right':
      return { ...model, window: panned(model.window, ends.viewEndUs, 1) };
    case 'whole-run':
      return { ...model, window: null };
    case 'step-forward':
      return { ...withPlayhead(model, Math.min(ends.endUs, model.playheadUs + stepUs(model, ends)), ends), paused: true };
    case 'step-back':
      return { ...withPlayhead(model, Math.max(0, model.playheadUs - stepUs(model, ends)), ends), paused: true };
    default:
      return assertNever(move, 'timeline move');
  }
}

/**
 * `dtMs` of playback: at speed 1 the window on screen plays in PLAYBACK_SECONDS (the whole run
 * when not zoomed), so a zoomed window plays in slow motion and its hand-offs can be followed.
 */
export function played(model: Model, dtMs: number, ends: TimelineEnds): Model {
  if (model.paused || model.playheadUs >= ends.endUs) return model;
  const advanceUs = (playedSpanUs(model, ends) * dtMs * model.speed) / (PLAYBACK_SECONDS * 1_000);
  return withPlayhead(model, Math.min(ends.endUs, model.playheadUs + advanceUs), ends);
}
