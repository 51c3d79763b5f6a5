import {
  DEFAULT_PARAMS,
  TUTORIAL_CALIBRATION,
  emulate,
  findScenario,
  parseTasks,
  scenarioTasks,
  type EmulatedStrategy,
  type EmulationInput,
  type EmulatorParams,
  type Run,
  type Span,
  type Trace,
} from '../../../src/engine/index.js';

/**
 * A tiny emulation, stated in engine terms (no CLI flags, so renaming a flag cannot break a
 * kernel test): your own `tasks` in the task syntax ("5ms,cpu:1ms+io:2ms@3ms"), or a built-in
 * `scenario` (its machine, e.g. juggle's one core, applies first), with `params` over the defaults.
 */
export interface EmulationCase {
  tasks?: string | undefined;
  scenario?: string | undefined;
  strategies: readonly EmulatedStrategy[];
  /** Over DEFAULT_PARAMS and the scenario's machine; `workers` defaults to `cores`, as on the command line. */
  params?: Partial<EmulatorParams>;
}

/** The engine's trace for one case (the tutorial's count cost sizes scenario loops). */
export function emulateCase({ tasks, scenario, strategies, params = {} }: EmulationCase): Trace {
  let input: EmulationInput;
  let machine: Partial<EmulatorParams> = {};
  if (tasks !== undefined) input = { workload: 'tasks', tasks: parseTasks(tasks), notes: [] };
  else {
    const found = findScenario(scenario ?? 'count');
    input = { workload: found.name, tasks: scenarioTasks(found, TUTORIAL_CALIBRATION), notes: found.notes };
    machine = found.machine;
  }
  const resolved = { ...DEFAULT_PARAMS, ...machine, ...params };
  return emulate(input, strategies, { ...resolved, workers: params.workers ?? resolved.cores });
}

/** The runs of a case, in strategy order. */
export function emulateRuns(emulation: EmulationCase): Run[] {
  return emulateCase(emulation).runs;
}

/** The run of a case with one strategy. */
export function emulateOne({ strategy, ...emulation }: Omit<EmulationCase, 'strategies'> & { strategy: EmulatedStrategy }): Run {
  return emulateRuns({ ...emulation, strategies: [strategy] })[0]!;
}

/** [response, turnaround, wait] per task, in task order. */
export function rtw(run: Run): number[][] {
  return run.tasks.map((task) => [task.responseUs, task.turnaroundUs, task.waitUs]);
}

/** Spans of one lane, in time order. */
export function laneSpans(run: Run, lane: number): Span[] {
  return run.spans.filter((span) => span.lane === lane).sort((a, b) => a.startUs - b.startUs);
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
