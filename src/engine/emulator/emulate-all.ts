import type { TaskSpec } from '../task-spec.js';
import type { EmulatedRun, Trace } from '../runs.js';
import { presentAs, runIdentity } from '../run-identity.js';
import { withSpeedups } from '../trace.js';
import { emulateRun } from './emulate.js';
import { checkEventBudget } from './event-budget.js';
import type { EmulatedStrategy, EmulatorParams } from './params.js';

/** What a note may depend on: the emulated machine, which flags and keys change. */
interface NoteContext {
  tasks: number;
  cores: number;
}

/** A note beside the results: fixed text, or text written for the machine actually emulated. */
export type EmulationNote = string | ((context: NoteContext) => string);

/** A workload to emulate: the tasks, and what to call them in tables and exports. */
export interface EmulationInput {
  workload: string;
  tasks: readonly TaskSpec[];
  notes: readonly EmulationNote[];
}

/**
 * Emulates each strategy on the same tasks: `emulate(input, strategies, params) → Trace`.
 * Pure and deterministic: the same arguments give a byte-identical JSON trace. Throws a
 * UsageError, before any work, when the emulation could exhaust time or memory.
 */
export function emulate(input: EmulationInput, strategies: readonly EmulatedStrategy[], params: EmulatorParams): Trace {
  checkEventBudget(input.tasks, params, strategies);
  // Strategies of one identity are one emulation (a thread pool with a worker and a core per
  // task is the threads run): `emulate --scenario count` emulated its costliest run twice.
  const emulated = new Map<string, EmulatedRun>();
  const runs = strategies.map((strategy) => {
    const identity = runIdentity(input.tasks, strategy, params);
    let run = emulated.get(identity.key);
    if (run === undefined) emulated.set(identity.key, (run = emulateRun(input.tasks, identity.emulated, params).run));
    return presentAs(run, input.tasks, strategy, params);
  });
  return traceOf(input, params, runs);
}

/**
 * The trace of runs emulated with `params` on `input`'s tasks (in table order): speed-ups and
 * notes added. `emulate` is this over fresh runs; the dashboard gives it runs it kept.
 */
export function traceOf(input: EmulationInput, params: EmulatorParams, runs: readonly EmulatedRun[]): Trace {
  const context: NoteContext = { tasks: input.tasks.length, cores: params.cores };
  const notes = input.notes.map((note) => (typeof note === 'string' ? note : note(context)));
  return { workload: input.workload, emulator: params, runs: withSpeedups([...runs]), notes };
}
