import { UsageError } from '../errors.js';
import type { TaskSpec } from '../task-spec.js';
import { OLD_GIL_RACE_WIN, OLD_GIL_TICK_NS } from './gil.js';
import { emulatedPhaseUs, type EmulatedStrategy, type EmulatorParams } from './params.js';
import { threadLayout } from './thread-layout.js';

/**
 * Most scheduling wake-ups one emulation may need: about 10–30 M events, 10–20 s and a few GB
 * at worst. Beyond, the user is told up front instead of waiting for an exhausted heap.
 */
export const MAX_WAKEUPS = 10_000_000;

/** An estimate and what it is made of, so that a refusal can name what would change it. */
interface Estimate {
  wakeups: number;
  /** The tasks' own time (CPU at the interpreter's speed, I/O) plus the last arrival. */
  taskUs: number;
  /** CPU time the strategy spends starting processes. */
  spawnUs: number;
  /** Threads of one process that contend for its GIL, each with a timer of its own. */
  gilRivals: number;
  /** The flag whose period bounds a turn on a core: the OS time slice, or a shorter GIL period. */
  periodFlag: 'quantum' | 'switch-interval' | 'check-interval';
}

function estimate(tasks: readonly TaskSpec[], params: EmulatorParams, strategy: EmulatedStrategy): Estimate {
  let taskUs = 0;
  let cpuUs = 0;
  let phases = 0;
  let lastArrivalUs = 0;
  for (const task of tasks) {
    for (const phase of task.phases) {
      const us = emulatedPhaseUs(phase, params.cpuScalePermille);
      taskUs += us;
      if (phase.kind === 'cpu') cpuUs += us;
    }
    phases += task.phases.length;
    lastArrivalUs = Math.max(lastArrivalUs, task.arrivalUs);
  }
  taskUs += lastArrivalUs;
  const layout = threadLayout(strategy, tasks.length, params);
  // A dedicated process starts with its task; a pool starts all its workers, busy or not.
  const starts = layout.pool.eagerSpawn ? layout.names.length : Math.min(layout.names.length, tasks.length);
  const spawnUs = layout.pool.spawnUs * starts;
  // An idle pool worker never asks for the GIL; a process of one thread has no rival for it.
  const gilRivals = Math.min(layout.names.length / layout.processCount, tasks.length);
  const oldGilPeriodUs = Math.max(1, Math.round((params.checkInterval * OLD_GIL_TICK_NS) / 1_000)) / OLD_GIL_RACE_WIN;
  const gilPeriodUs = params.gil === 'new' ? params.switchIntervalUs : params.gil === 'old' ? oldGilPeriodUs : Number.POSITIVE_INFINITY;
  const timed = gilRivals > 1 && gilPeriodUs < params.quantumUs;
  const periodUs = timed ? gilPeriodUs : params.quantumUs;
  // Without GIL rivals, a slice ends at most once per time slice of work, whatever the cores do
  // (work is conserved), or where a phase or a start ends. With rivals, each other one may also
  // wake once a GIL period, but only while the GIL is held: during CPU work, starts and context
  // switches, never during I/O (blocking I/O releases it). So 10,000 × io:10ms is a few wake-ups
  // per task, not 10,000 rivals × the whole run.
  const rivals = gilRivals > 1 && params.gil !== 'none' ? gilRivals : 1;
  const ownWakeups = Math.ceil((taskUs + spawnUs) / periodUs) + 2 * layout.names.length + phases;
  const gilHeldUs = cpuUs + spawnUs + params.switchCostUs * ownWakeups;
  const wakeups = ownWakeups + Math.ceil((gilHeldUs * (rivals - 1)) / periodUs);
  const periodFlag = !timed ? 'quantum' : params.gil === 'new' ? 'switch-interval' : 'check-interval';
  return { wakeups, taskUs, spawnUs, gilRivals: rivals, periodFlag };
}

/**
 * An upper bound of the wake-ups (time-slice ends, GIL timeouts and hand-offs, starts) one
 * strategy's emulation can need, from the threads and processes it really runs on.
 */
export function estimateWakeups(tasks: readonly TaskSpec[], params: EmulatorParams, strategy: EmulatedStrategy): number {
  return estimate(tasks, params, strategy).wakeups;
}

/** The settings that would bring this estimate down, most effective first. */
function whatToChange(found: Estimate, strategy: EmulatedStrategy): string[] {
  const changes: string[] = [];
  if (found.spawnUs > found.taskUs) {
    changes.push('a shorter --spawn-cost', strategy === 'process-pool' ? 'fewer --workers' : 'fewer tasks');
  } else {
    changes.push('fewer or shorter tasks');
    if (strategy === 'thread-pool' && found.gilRivals > 1) changes.push('fewer --workers');
  }
  changes.push(found.periodFlag === 'check-interval' ? 'a larger --check-interval' : `a longer --${found.periodFlag}`);
  return changes;
}

/** Refuses an emulation that could run out of time or memory, saying what to change. */
export function checkEventBudget(tasks: readonly TaskSpec[], params: EmulatorParams, strategies: readonly EmulatedStrategy[]): void {
  for (const strategy of strategies) {
    const found = estimate(tasks, params, strategy);
    if (found.wakeups <= MAX_WAKEUPS) continue;
    const changes = whatToChange(found, strategy);
    throw new UsageError(
      `emulating ${strategy} could need up to ${Math.round(found.wakeups / 1e6).toLocaleString('en-US')} M scheduling wake-ups ` +
        `(the limit is ${MAX_WAKEUPS / 1e6} M): use ${changes.slice(0, -1).join(', ')}, or ${changes.at(-1)}`,
    );
  }
}
