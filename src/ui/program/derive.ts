import type { EmulatedStrategy, EmulatorParams, Trace } from '../../engine/index.js';
import type { DashboardEmulator, EmulationState } from '../emulation.js';
import { endOf } from '../layout.js';
import type { Model } from '../state/model.js';

/** What the picture needs beyond the model: the emulation of what the model shows. */
export interface Derived {
  /** The emulated runs, or the last ones that could be emulated (see `refusal`). */
  trace: Trace;
  /** Why the current parameters could not be emulated (shown in the caption line), or null. */
  refusal: string | null;
  /** Whether `trace` is of the model's parameters or still being emulated on another thread. */
  state: EmulationState;
  /** While `simulating`: the strategies still to come from the other thread (absent from `trace`). */
  pending: readonly EmulatedStrategy[];
  /** Where emulated playback ends: the longest emulated run, in µs. */
  endUs: number;
}

/** What is emulated: a change to any of these (and only these) re-emulates. */
interface Emulated {
  scenario: string;
  strategies: readonly EmulatedStrategy[];
  params: EmulatorParams;
}

/**
 * A memoised `derive(model)`: it asks the emulator again only when what is emulated changed
 * (scenario, strategies, parameters, compared by value) or runs emulated on another thread
 * arrived, so playback, views and help cost no emulation, and the same model gives the same
 * object. A refused or pending emulation keeps the last picture.
 */
export function createDerive(emulator: DashboardEmulator): (model: Model) => Derived {
  let last: { emulated: Emulated; version: number; derived: Derived } | null = null;
  return (model) => {
    if (last !== null && last.version === emulator.version && sameEmulation(last.emulated, model)) return last.derived;
    const version = emulator.version;
    // A first picture still filling in (`simulating`) is no earlier picture to keep up.
    const previous = last === null || last.derived.state === 'simulating' ? null : last.derived.trace;
    const emulation = emulator.emulate(model.scenario, model.strategies, model.params, previous);
    const derived: Derived = { ...emulation, endUs: endOf(emulation.trace.runs) };
    last = { emulated: { scenario: model.scenario, strategies: model.strategies, params: model.params }, version, derived };
    return derived;
  };
}

/** True while playback moves: not paused and not yet at the end of the emulated runs. */
export function isPlaying(model: Model, derived: Derived): boolean {
  return !model.paused && model.playheadUs < derived.endUs;
}

function sameEmulation(before: Emulated, model: Model): boolean {
  return (
    before.scenario === model.scenario &&
    // The same array, as every playback tick keeps it, at once.
    (before.strategies === model.strategies ||
      (before.strategies.length === model.strategies.length && before.strategies.every((strategy, index) => strategy === model.strategies[index]))) &&
    sameParams(before.params, model.params)
  );
}

function sameParams(a: EmulatorParams, b: EmulatorParams): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof EmulatorParams)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
