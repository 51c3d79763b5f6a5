import {
  assertNever,
  PRESETS,
  REAL_RUNTIMES,
  SCENARIOS,
  presetParams,
  presetStillApplies,
  resolveLayers,
  steppedValue,
  type EmulatorParams,
  type Trace,
  type TwinLayer,
} from '../../engine/index.js';
import { VIEWS, type LaneKey, type Model } from './model.js';
import { moveTimeline, played, type TimelineEnds } from './timeline.js';
import type { TimelineMove } from './view-window.js';

/** Everything that can happen to the dashboard. */
export type Msg =
  | { type: 'quantum'; direction: 1 | -1 }
  | { type: 'switch-interval'; direction: 1 | -1 }
  | { type: 'cycle-gil' }
  | { type: 'cycle-interpreter' }
  | { type: 'cores'; direction: 1 | -1 }
  | { type: 'cycle-policy' }
  | { type: 'scenario'; index: number }
  | { type: 'toggle-pause' }
  | { type: 'restart' }
  | ({ type: 'timeline'; move: TimelineMove } & TimelineEnds)
  /** `viewEndUs` (the zoomed window's bounds) defaults to `endUs`: the view draws the emulated runs only. */
  | { type: 'tick'; dtMs: number; endUs: number; viewEndUs?: number }
  | { type: 'next-view' }
  | { type: 'toggle-help' }
  | { type: 'toggle-axis' }
  | { type: 'cycle-runtime' }
  | { type: 'twin'; twin: TwinLayer | null }
  | { type: 'cycle-repeat' }
  | { type: 'real-started' }
  | { type: 'real-progress'; trace: Trace }
  | { type: 'real-finished'; trace: Trace }
  | { type: 'real-failed'; message: string }
  | { type: 'narrate'; text: string | null }
  | { type: 'notice'; text: string }
  | { type: 'select-lane'; lane: LaneKey | null };

const next = <T>(list: readonly T[], current: T): T => list[(list.indexOf(current) + 1) % list.length]!;

/** A key set these parameters: they go into the keys layer, which every scenario resolves on top. */
function keyed(model: Model, change: Partial<EmulatorParams>): Model {
  const layers = { ...model.layers, keys: { ...model.layers.keys, ...change } };
  return { ...model, layers, params: resolveLayers(layers, model.scenario) };
}

/** Messages that do not come from a key: they leave a notice on screen. */
/** The runs of each real strategy key n steps through (`--repeat` may set any other). */
export const REPEAT_STEPS = [1, 3, 5] as const;

const NOT_KEYS = new Set<Msg['type']>(['tick', 'real-started', 'real-progress', 'real-finished', 'real-failed', 'narrate', 'notice']);

/** The dashboard's one reducer: pure, so every key is testable without a terminal. */
export function update(model: Model, msg: Msg): Model {
  // A notice (an export's result) stays until the next key.
  if (model.notice !== null && !NOT_KEYS.has(msg.type)) return reduce({ ...model, notice: null }, msg);
  return reduce(model, msg);
}

function reduce(model: Model, msg: Msg): Model {
  const params = model.params;
  switch (msg.type) {
    case 'quantum':
      return keyed(model, { quantumUs: steppedValue('quantum', params, msg.direction) });
    case 'switch-interval':
      return { ...keyed(model, { switchIntervalUs: steppedValue('switch-interval', params, msg.direction) }), interpreter: null };
    case 'cycle-gil':
      return { ...keyed(model, { gil: steppedValue('gil', params, 1) }), interpreter: null };
    case 'cycle-interpreter': {
      const preset = model.interpreter === null ? PRESETS[0]! : next(PRESETS, PRESETS.find((p) => p.name === model.interpreter)!);
      return { ...keyed(model, presetParams(preset)), interpreter: preset.name };
    }
    case 'cores': {
      const cores = steppedValue('cores', params, msg.direction);
      return keyed(model, { cores, workers: cores });
    }
    case 'cycle-policy':
      return keyed(model, { policy: steppedValue('policy', params, 1) });
    case 'scenario': {
      const scenario = SCENARIOS[msg.index];
      if (!scenario || scenario.name === model.scenario) return model;
      // The scenario's own machine (juggle: one core) under the preset, flags and keys in force.
      const nextParams = resolveLayers(model.layers, scenario.name);
      return {
        ...model,
        scenario: scenario.name,
        params: nextParams,
        interpreter: presetStillApplies(model.interpreter, nextParams) ? model.interpreter : null,
        playheadUs: 0,
        // The new scenario's runs have other lengths: it opens whole.
        window: null,
        paused: false,
        real: { status: 'idle', trace: null, message: '' },
      };
    }
    case 'toggle-pause':
      return { ...model, paused: !model.paused };
    case 'restart':
      // A zoomed window goes back to the start with the playhead, keeping its width.
      return { ...model, playheadUs: 0, paused: false, window: model.window && { ...model.window, startUs: 0 } };
    case 'timeline':
      return moveTimeline(model, msg.move, msg);
    case 'tick':
      return played(model, msg.dtMs, { endUs: msg.endUs, viewEndUs: msg.viewEndUs ?? msg.endUs });
    case 'next-view':
      return { ...model, view: next(VIEWS, model.view) };
    case 'toggle-help':
      return { ...model, help: !model.help };
    case 'toggle-axis':
      return { ...model, axisPerGroup: !model.axisPerGroup };
    case 'cycle-runtime':
      // The real results shown belong to the other runtime.
      return { ...model, runtime: next(REAL_RUNTIMES, model.runtime), real: { status: 'idle', trace: null, message: '' } };
    case 'twin': {
      // The real column's interpreter changed: its twin is the layer under the user's choices.
      const layers = { ...model.layers, twin: msg.twin };
      return { ...model, layers, params: resolveLayers(layers, model.scenario) };
    }
    case 'cycle-repeat': {
      const repeat = REPEAT_STEPS.find((count) => count > model.repeat) ?? REPEAT_STEPS[0]!;
      const runs = repeat === 1 ? 'once each' : `${repeat} times each, interleaved: median ±spread`;
      return { ...model, repeat, notice: `real runs: ${runs} (r runs them)` };
    }
    case 'real-started':
      return { ...model, real: { status: 'running', trace: null, message: '' } };
    case 'real-progress':
      return { ...model, real: { ...model.real, trace: msg.trace } };
    case 'real-finished':
      return { ...model, real: { status: 'done', trace: msg.trace, message: '' } };
    case 'narrate':
      return { ...model, narration: msg.text };
    case 'notice':
      return { ...model, notice: msg.text };
    case 'select-lane':
      return { ...model, selectedLane: msg.lane };
    case 'real-failed':
      return { ...model, real: { status: 'failed', trace: model.real.trace, message: msg.message } };
    default:
      return assertNever(msg, 'dashboard message');
  }
}
