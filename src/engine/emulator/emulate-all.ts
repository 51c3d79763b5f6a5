import type { TaskSpec } from '../task-spec.js';
import { withSpeedups, type Trace } from '../trace.js';
import { emulateRun } from './emulate.js';
import { checkEventBudget } from './event-budget.js';
import type { EmulatedStrategy, EmulatorParams } from './params.js';

/** A workload to emulate: the tasks, and what to call them in tables and exports. */
export interface EmulationInput {
  workload: string;
  tasks: readonly TaskSpec[];
  notes: readonly string[];
}

/**
 * Emulates each strategy on the same tasks: `emulate(input, strategies, params) → Trace`.
 * Pure and deterministic: the same arguments give a byte-identical JSON trace. Throws a
 * UsageError, before any work, when the emulation could exhaust time or memory.
 */
export function emulate(input: EmulationInput, strategies: readonly EmulatedStrategy[], params: EmulatorParams): Trace {
  checkEventBudget(input.tasks, params, strategies);
  const runs = strategies.map((strategy) => emulateRun(input.tasks, strategy, params).run);
  return { workload: input.workload, emulator: params, runs: withSpeedups(runs), notes: [...input.notes] };
}
