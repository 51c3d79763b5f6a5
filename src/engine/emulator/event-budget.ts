import { EventBudgetError, type BudgetRefusal, type Remedy } from '../params/refusal.js';
import { gilModel } from '../registry/gil-models.js';
import { strategyOf } from '../registry/strategies.js';
import type { TaskSpec } from '../task-spec.js';
import { BATTLE_ROUND_US } from './old-gil-battle.js';
import { emulatedPhaseUs, type EmulatedStrategy, type EmulatorParams } from './params.js';
import { gilRivals as rivalsFor, threadLayout } from './thread-layout.js';

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
  /** The parameter whose period bounds a turn on a core: the OS time slice, or a shorter GIL period. */
  periodParam: 'quantum' | 'switch-interval' | 'check-interval';
}

function estimate(tasks: readonly TaskSpec[], params: EmulatorParams, strategy: EmulatedStrategy): Estimate {
  let taskUs = 0;
  let cpuUs = 0;
  let phases = 0;
  let lastArrivalUs = 0;
  // CPU work shorter than the old GIL's battle round is raced for hold by hold, and so is the
  // last round's worth of every longer phase: a round is fought only while every racer has a
  // round of work left (old-gil.ts), so each phase ends in races.
  let shortCpuUs = 0;
  for (const task of tasks) {
    for (const phase of task.phases) {
      const us = emulatedPhaseUs(phase, params.cpuScalePermille);
      taskUs += us;
      if (phase.kind === 'cpu') cpuUs += us;
      if (phase.kind === 'cpu') shortCpuUs += Math.min(us, BATTLE_ROUND_US);
    }
    phases += task.phases.length;
    lastArrivalUs = Math.max(lastArrivalUs, task.arrivalUs);
  }
  taskUs += lastArrivalUs;
  const layout = threadLayout(strategy, tasks.length, params);
  // A dedicated process starts with its task; a pool starts all its workers, busy or not.
  const starts = layout.pool.eagerSpawn ? layout.names.length : Math.min(layout.names.length, tasks.length);
  const spawnUs = layout.pool.spawnUs * starts;
  const gilRivals = rivalsFor(layout, tasks.length);
  const gil = gilModel(params.gil);
  const gilPeriodUs = gil.budgetPeriodUs(params);
  const timed = gilRivals > 1 && gil.periodParam !== null && gilPeriodUs < params.quantumUs;
  const periodUs = timed ? gilPeriodUs : params.quantumUs;
  // Without GIL rivals, a slice ends at most once per time slice of work, whatever the cores do
  // (work is conserved), or where a phase or a start ends. With rivals, each other one may also
  // wake once a GIL period, but only while the GIL is held: during CPU work, starts and context
  // switches, never during I/O (blocking I/O releases it). So 10,000 × io:10ms is a few wake-ups
  // per task, not 10,000 rivals × the whole run.
  const rivals = gilRivals > 1 && gil.periodParam !== null ? gilRivals : 1;
  const ownWakeups = Math.ceil((taskUs + spawnUs) / periodUs) + 2 * layout.names.length + phases;
  // Never more than the run's whole length: the estimate only ever shrinks for I/O-bound work.
  const gilHeldUs = Math.min(taskUs + spawnUs, cpuUs + spawnUs + params.switchCostUs * ownWakeups);
  // A race around short work is lost and won again (two hand-offs) about once a race's hold.
  const shortRaces = rivals > 1 ? Math.ceil((2 * shortCpuUs) / gil.shortWorkPeriodUs(params)) : 0;
  const wakeups = ownWakeups + Math.ceil((gilHeldUs * (rivals - 1)) / periodUs) + shortRaces;
  const periodParam = timed && gil.periodParam !== null ? gil.periodParam : 'quantum';
  return { wakeups, taskUs, spawnUs, gilRivals: rivals, periodParam };
}

/**
 * An upper bound of the wake-ups (time-slice ends, GIL timeouts and hand-offs, starts) one
 * strategy's emulation can need, from the threads and processes it really runs on.
 */
export function estimateWakeups(tasks: readonly TaskSpec[], params: EmulatorParams, strategy: EmulatedStrategy): number {
  return estimate(tasks, params, strategy).wakeups;
}

/** The settings that would bring this estimate down, most effective first. */
function whatToChange(found: Estimate, strategy: EmulatedStrategy): Remedy[] {
  const changes: Remedy[] = [];
  const fewerWorkers: Remedy = { type: 'param', param: 'workers', direction: 'less' };
  const { pooled } = strategyOf(strategy);
  if (found.spawnUs > found.taskUs) {
    changes.push({ type: 'param', param: 'spawn-cost', direction: 'less' });
    changes.push(pooled ? fewerWorkers : { type: 'tasks', fewer: 'in-number' });
  } else {
    changes.push({ type: 'tasks', fewer: 'or-shorter' });
    // Rivals for one GIL: only a pool of threads in one process has them, as many as its workers.
    if (pooled && found.gilRivals > 1) changes.push(fewerWorkers);
  }
  changes.push({ type: 'param', param: found.periodParam, direction: 'more' });
  return changes;
}

/** Refuses an emulation that could run out of time or memory, saying (as data) what to change. */
export function checkEventBudget(tasks: readonly TaskSpec[], params: EmulatorParams, strategies: readonly EmulatedStrategy[]): void {
  for (const strategy of strategies) {
    const found = estimate(tasks, params, strategy);
    if (found.wakeups <= MAX_WAKEUPS) continue;
    const refusal: BudgetRefusal = { strategy, wakeups: found.wakeups, limit: MAX_WAKEUPS, remedies: whatToChange(found, strategy) };
    throw new EventBudgetError(refusal);
  }
}
