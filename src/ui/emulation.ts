import {
  EventBudgetError,
  UsageError,
  describeRefusal,
  emulate,
  type EmulatedStrategy,
  type EmulationInput,
  type EmulatorParams,
  type Trace,
} from '../engine/index.js';
import { KEY_WORDS } from './refusal-words.js';

/** What the dashboard needs to know about a scenario: its tasks (its machine is a layer of the model's parameters). */
export type SetupFor = (scenario: string) => { input: EmulationInput };

/** What the dashboard draws: the emulation, or the last one that worked and why the new one did not. */
export interface Emulation {
  trace: Trace;
  /** Why the current parameters could not be emulated (shown in the caption line). */
  refusal: string | null;
}

/**
 * Emulates for the dashboard. A key can ask for more than the emulator accepts (a 50 µs slice on
 * a long `--tasks` list): the picture then stays as it was, and the caption says why.
 */
export function emulateOrKeep(input: EmulationInput, strategies: readonly EmulatedStrategy[], params: EmulatorParams, previous: Trace | null): Emulation {
  try {
    return { trace: emulate(input, strategies, params), refusal: null };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const why = error instanceof EventBudgetError ? describeRefusal(error.refusal, KEY_WORDS) : error.message;
    return { trace: previous ?? { workload: input.workload, runs: [], notes: [] }, refusal: `Not emulated: ${why}` };
  }
}
