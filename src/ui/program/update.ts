import type { Key } from 'ink';
import { SCENARIOS, assertNever, type RealRuntimeName, type Trace, type TwinLayer } from '../../engine/index.js';
import { viewEndOf } from '../layout.js';
import { helpKeyToAction, keyToAction } from '../state/keymap.js';
import type { Model } from '../state/model.js';
import type { TimelineEnds } from '../state/timeline.js';
import { update as reduce, type Msg } from '../state/update.js';
import { TIMELINE_MOVES, shownWindow, type TimelineMove } from '../state/view-window.js';
import { steppedLane, viewLanes } from '../view-lanes.js';
import { windowedTrace } from './windowed-trace.js';
import type { Derived } from './derive.js';
import type { Effect } from './effects.js';

/** What happens to the program: a key press, the driver's clock, or a message for the model. */
export type Event =
  /** One key press (a chunk of typed input is split into presses by the driver). */
  | { type: 'key'; input: string; key: Key }
  /** `dtMs` of playback time passed (wall clock live, script time under a script). */
  | { type: 'tick'; dtMs: number }
  /** The real runs, an export's answer, the demo's words: they go to the model as they are. */
  | Extract<Msg, { type: 'real-started' | 'real-progress' | 'real-finished' | 'real-failed' | 'notice' | 'narrate' }>;

/** The model after an event, and what the driver must do about it. */
export interface Transition {
  model: Model;
  effects: Effect[];
}

/** What `update` reads besides the model: the derived emulation (a scenario's parameters are the model's layers). */
export interface UpdateContext {
  derive: (model: Model) => Derived;
  /** The emulated twin of what real runs run on (null on Node); asked when `R` changes the runtime. */
  twinFor: (runtime: RealRuntimeName) => TwinLayer | null;
}

const only = (model: Model, ...effects: Effect[]): Transition => ({ model, effects });

/**
 * The program's one `update`: pure given its context. Keys map to messages through the keymap
 * table; stepping and ticking read where playback ends from `derive` (memoised, so no second
 * emulation); quitting, real runs and exports come back as effects for the driver.
 */
export function update(context: UpdateContext, model: Model, event: Event): Transition {
  switch (event.type) {
    case 'key':
      return pressKey(context, model, event.input, event.key);
    case 'tick':
      return only(reduce(model, { type: 'tick', dtMs: event.dtMs, ...timelineEnds(context, model) }));
    case 'real-started':
    case 'real-progress':
    case 'real-finished':
    case 'real-failed':
    case 'notice':
    case 'narrate':
      return only(reduce(model, event));
    default:
      return assertNever(event, 'dashboard event');
  }
}

/**
 * With the help open, Esc, `q` and `?` close it (`q` quits only from the dashboard) and ↑/↓ page
 * it; any other key closes it and acts, so its effect is on screen rather than under the help.
 */
function pressKey(context: UpdateContext, shown: Model, input: string, key: Key): Transition {
  const helpAction = shown.help && !key.ctrl ? helpKeyToAction(input, key) : undefined;
  if (helpAction !== undefined) return only(reduce(shown, helpAction));
  const action = keyToAction(input, key);
  if (action === undefined) return only(shown);
  const model = shown.help && action !== 'quit' ? reduce(shown, { type: 'close-help' }) : shown;
  if (action === 'quit') return only(model, { type: 'quit', code: key.ctrl ? 130 : 0 });
  if (action === 'rerun')
    return only(model, { type: 'run-real', scenario: model.scenario, params: model.params, runtime: model.runtime, repeat: model.repeat });
  if (action === 'export') return only(model, { type: 'export', trace: exportedTrace(context, model) });
  if (isTimelineMove(action)) return only(reduce(model, { type: 'timeline', move: action, ...timelineEnds(context, model) }));
  if (action === 'previous-lane' || action === 'next-lane') {
    const lanes = viewLanes(model.view, context.derive(model).trace.runs, model.real.trace?.runs ?? []);
    const lane = steppedLane(lanes, model.selectedLane, action === 'next-lane' ? 1 : -1);
    // A key always shows its effect: with no lane to select, or at the end of the lanes, it says so.
    if (lanes.length === 0) return only(reduce(model, { type: 'notice', text: '↑/↓ select a lane: this view shows none yet (r runs the real ones)' }));
    const same =
      lane !== null &&
      model.selectedLane !== null &&
      lane.source === model.selectedLane.source &&
      lane.strategy === model.selectedLane.strategy &&
      lane.lane === model.selectedLane.lane;
    if (same) return only(reduce(model, { type: 'notice', text: `↑/↓: no lane ${action === 'next-lane' ? 'below' : 'above'}` }));
    return only(reduce(model, { type: 'select-lane', lane }));
  }
  if (action.type === 'scenario') {
    if (SCENARIOS[action.index] === undefined) return only(model);
    const next = reduce(model, action);
    // The real runs in progress belong to the scenario being left.
    return next.scenario === model.scenario ? only(next) : only(next, { type: 'stop-real' });
  }
  // Real runs in progress on the other runtime are not what the real column will show.
  if (action.type === 'cycle-runtime') {
    const cycled = reduce(model, action);
    return only(reduce(cycled, { type: 'twin', twin: context.twinFor(cycled.runtime) }), { type: 'stop-real' });
  }
  return only(reduce(model, action));
}

const isTimelineMove = (action: unknown): action is TimelineMove => (TIMELINE_MOVES as readonly unknown[]).includes(action);

/** Where playback ends (the emulated runs) and where the view on screen ends (real runs too). */
function timelineEnds(context: UpdateContext, model: Model): TimelineEnds {
  const { trace, endUs } = context.derive(model);
  return { endUs, viewEndUs: viewEndOf(model.view, trace.runs, model.real.trace?.runs ?? []) };
}

/** What an export writes: the emulated runs on screen and the real ones, side by side; zoomed, the window on screen. */
function exportedTrace(context: UpdateContext, model: Model): Trace {
  const emulated = context.derive(model).trace;
  const shown = { ...emulated, runs: [...emulated.runs, ...(model.real.trace?.runs ?? [])] };
  if (model.window === null) return shown;
  return windowedTrace(shown, shownWindow(model.window, timelineEnds(context, model).viewEndUs));
}
