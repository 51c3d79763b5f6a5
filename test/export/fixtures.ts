import { expect } from 'vitest';
import {
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  TUTORIAL_CALIBRATION,
  UsageError,
  emulate,
  findScenario,
  scenarioTasks,
  type EmulatedStrategy,
  type Trace,
} from '../../src/engine/index.js';

/** The convoy scenario under every strategy: I/O, GIL hand-offs, spawns, all states but failed. */
export function convoyTrace(): Trace {
  const scenario = findScenario('convoy');
  const input = { workload: 'convoy', tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: scenario.notes };
  return emulate(input, EMULATED_STRATEGIES, { ...DEFAULT_PARAMS, ...scenario.machine });
}

/** The message of the UsageError `fn` throws (and fails the test if it throws anything else). */
export function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

/** A built-in scenario under `strategies`, with the scenario's own machine. */
export function scenarioTrace(name: string, strategies: readonly EmulatedStrategy[] = EMULATED_STRATEGIES): Trace {
  const scenario = findScenario(name);
  const input = { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: scenario.notes };
  return emulate(input, strategies, { ...DEFAULT_PARAMS, ...scenario.machine });
}
