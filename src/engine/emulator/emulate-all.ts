import type { TaskSpec } from '../task-spec.js';
import type { EmulatedRun, Trace } from '../runs.js';
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
  return traceOf(
    input,
    params,
    strategies.map((strategy) => emulateRun(input.tasks, strategy, params).run),
  );
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
