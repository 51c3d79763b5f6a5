import { GIL_MODES, LIMITS, POLICIES, PRESETS, SCENARIOS, type EmulatorParams, type Trace } from '../../engine/index.js';
import { PLAYBACK_SECONDS, VIEWS, type Model } from './model.js';

/** Everything that can happen to the dashboard. */
export type Msg =
  | { type: 'quantum'; direction: 1 | -1 }
  | { type: 'switch-interval'; direction: 1 | -1 }
  | { type: 'cycle-gil' }
  | { type: 'cycle-interpreter' }
  | { type: 'cores'; direction: 1 | -1 }
  | { type: 'cycle-policy' }
  | { type: 'scenario'; index: number; params?: EmulatorParams }
  | { type: 'toggle-pause' }
  | { type: 'restart' }
  | { type: 'step'; endUs: number }
  | { type: 'tick'; dtMs: number; endUs: number }
  | { type: 'next-view' }
  | { type: 'toggle-help' }
  | { type: 'real-started' }
  | { type: 'real-progress'; trace: Trace }
  | { type: 'real-finished'; trace: Trace }
  | { type: 'real-failed'; message: string }
  | { type: 'narrate'; text: string | null }
  | { type: 'notice'; text: string }
  | { type: 'focus'; direction: 1 | -1 };

/** Time slices and switch intervals the arrow keys step through. */
export const DURATION_LADDER_US = [
  50, 100, 200, 500, 1_000, 2_000, 4_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
] as const;

/** The next value on the ladder above or below `current` (which need not be on it). */
export function stepLadder(current: number, direction: 1 | -1): number {
  if (direction > 0) return DURATION_LADDER_US.find((value) => value > current) ?? current;
  return [...DURATION_LADDER_US].reverse().find((value) => value < current) ?? current;
}

const next = <T>(list: readonly T[], current: T): T => list[(list.indexOf(current) + 1) % list.length]!;

/** Whether the parameters still are what the named interpreter preset sets. */
function presetStillApplies(name: string | null, params: EmulatorParams): boolean {
  const preset = PRESETS.find((candidate) => candidate.name === name);
  return (
    preset !== undefined &&
    preset.gil === params.gil &&
    preset.switchIntervalUs === params.switchIntervalUs &&
    preset.checkInterval === params.checkInterval &&
    preset.cpuScalePermille === params.cpuScalePermille
  );
}

/** Messages that do not come from a key: they leave a notice on screen. */
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
      return { ...model, params: { ...params, quantumUs: stepLadder(params.quantumUs, msg.direction) } };
    case 'switch-interval':
      return {
        ...model,
        interpreter: null,
        params: { ...params, switchIntervalUs: stepLadder(params.switchIntervalUs, msg.direction) },
      };
    case 'cycle-gil':
      return { ...model, interpreter: null, params: { ...params, gil: next(GIL_MODES, params.gil) } };
    case 'cycle-interpreter': {
      const preset = model.interpreter === null ? PRESETS[0]! : next(PRESETS, PRESETS.find((p) => p.name === model.interpreter)!);
      const { gil, switchIntervalUs, checkInterval, cpuScalePermille } = preset;
      return { ...model, interpreter: preset.name, params: { ...params, gil, switchIntervalUs, checkInterval, cpuScalePermille } };
    }
    case 'cores': {
      const cores = Math.min(LIMITS.cores, Math.max(1, params.cores + msg.direction));
      return { ...model, params: { ...params, cores, workers: cores } };
    }
    case 'cycle-policy':
      return { ...model, params: { ...params, policy: next(POLICIES, params.policy) } };
    case 'scenario': {
      const scenario = SCENARIOS[msg.index];
      if (!scenario || scenario.name === model.scenario) return model;
      // A scenario brings its own machine (juggle: one core), with the command line's flags on top.
      const nextParams = msg.params ?? model.params;
      return {
        ...model,
        scenario: scenario.name,
        params: nextParams,
        interpreter: presetStillApplies(model.interpreter, nextParams) ? model.interpreter : null,
        playheadUs: 0,
        paused: false,
        real: { status: 'idle', trace: null, message: '' },
      };
    }
    case 'toggle-pause':
      return { ...model, paused: !model.paused };
    case 'restart':
      return { ...model, playheadUs: 0, paused: false };
    case 'step':
      // One step = 1/100 of the run; stepping pauses playback.
      return { ...model, paused: true, playheadUs: Math.min(msg.endUs, model.playheadUs + Math.max(1, msg.endUs / 100)) };
    case 'tick': {
      if (model.paused || model.playheadUs >= msg.endUs) return model;
      const advanceUs = (msg.endUs * msg.dtMs * model.speed) / (PLAYBACK_SECONDS * 1_000);
      return { ...model, playheadUs: Math.min(msg.endUs, model.playheadUs + advanceUs) };
    }
    case 'next-view':
      return { ...model, view: next(VIEWS, model.view) };
    case 'toggle-help':
      return { ...model, help: !model.help };
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
    case 'focus':
      return { ...model, focus: Math.max(0, Math.min(model.strategies.length - 1, model.focus + msg.direction)) };
    case 'real-failed':
      return { ...model, real: { status: 'failed', trace: model.real.trace, message: msg.message } };
  }
}
