import { UsageError } from '../errors.js';
import type { TaskSpec } from '../task-spec.js';
import { OLD_GIL_RACE_WIN, OLD_GIL_TICK_NS } from './gil.js';
import type { EmulatedStrategy, EmulatorParams } from './params.js';

/**
 * Most scheduling wake-ups one emulation may need: about 10–30 M events, 10–20 s and a few GB
 * at worst. Beyond, the user is told up front instead of waiting for an exhausted heap.
 */
export const MAX_WAKEUPS = 10_000_000;

/**
 * An upper bound of the wake-ups (time-slice ends, GIL timeouts and hand-offs) one strategy's
 * emulation can need: each of its threads may wake once a period (the shorter of the time slice
 * and the GIL's switching period) for as long as the run can last (all its work in a row).
 * The old GIL's holder loses the race for it once in 1/OLD_GIL_RACE_WIN checks.
 */
export function estimateWakeups(tasks: readonly TaskSpec[], params: EmulatorParams, strategy: EmulatedStrategy): number {
  let workUs = 0;
  let phases = 0;
  let lastArrivalUs = 0;
  for (const task of tasks) {
    for (const phase of task.phases) workUs += phase.us;
    phases += task.phases.length;
    lastArrivalUs = Math.max(lastArrivalUs, task.arrivalUs);
  }
  const longestRunUs = (workUs * params.cpuScalePermille) / 1_000 + lastArrivalUs + params.spawnCostUs * tasks.length;
  const oldGilPeriodUs = Math.max(1, Math.round((params.checkInterval * OLD_GIL_TICK_NS) / 1_000)) / OLD_GIL_RACE_WIN;
  const gilPeriodUs = params.gil === 'new' ? params.switchIntervalUs : params.gil === 'old' ? oldGilPeriodUs : Number.POSITIVE_INFINITY;
  // One thread (sequential, async) has no GIL rival, but the OS still ends its slices.
  const threads = strategy === 'sequential' || strategy === 'async' ? 1 : strategy.endsWith('-pool') ? Math.min(params.workers, tasks.length) : tasks.length;
  const periodUs = threads > 1 ? Math.min(params.quantumUs, gilPeriodUs) : params.quantumUs;
  // A pool starts all its workers, busy or not: each start is sliced by the OS like any work.
  const poolStarts = strategy.endsWith('-pool') ? params.workers * (Math.ceil(params.spawnCostUs / params.quantumUs) + 2) : 0;
  return Math.ceil((longestRunUs * Math.max(1, threads)) / periodUs) + poolStarts + phases;
}

/** Refuses an emulation that could run out of time or memory, saying what to change. */
export function checkEventBudget(tasks: readonly TaskSpec[], params: EmulatorParams, strategies: readonly EmulatedStrategy[]): void {
  for (const strategy of strategies) {
    const wakeups = estimateWakeups(tasks, params, strategy);
    if (wakeups <= MAX_WAKEUPS) continue;
    throw new UsageError(
      `emulating ${strategy} could need up to ${Math.round(wakeups / 1e6).toLocaleString('en-US')} M scheduling wake-ups ` +
        `(the limit is ${MAX_WAKEUPS / 1e6} M): use fewer or shorter tasks, or a longer --quantum or --switch-interval`,
    );
  }
}
