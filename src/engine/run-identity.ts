import { emulatedSetup } from './emulated-setup.js';
import type { EmulatedStrategy, EmulatorParams } from './emulator/params.js';
import { gilRivals, threadLayout } from './emulator/thread-layout.js';
import type { EmulatedRun } from './runs.js';
import type { TaskSpec } from './task-spec.js';
import { withFields } from './with-fields.js';

/**
 * Which emulated runs are one emulation: the one authority for what a run depends on. Two runs
 * of the same tasks with equal keys are equal, up to `presentAs` (its strategy's name, setup
 * record and thread names), so the dashboard re-emulates only the runs whose inputs changed and
 * emulates identical layouts once. `test/engine/run-identity.test.ts` checks it against fresh
 * emulations for every strategy and GIL model.
 */
export interface RunIdentity {
  /** Equal keys (for the same tasks) mean the same run. */
  key: string;
  /** The strategy whose emulation gives the run (another one when their layouts are identical). */
  emulated: EmulatedStrategy;
}

/**
 * What a run of `strategy` on `tasks` with `params` depends on: the parameters that shape it (its
 * setup record), without the GIL's when no two of its threads contend for one GIL (sequential,
 * async, a process per task: the GIL keys cannot change them); and a thread pool at least as wide
 * as its tasks, on as many cores, all arriving at once, is the threads layout (each task its own worker).
 */
export function runIdentity(tasks: readonly TaskSpec[], strategy: EmulatedStrategy, params: EmulatorParams): RunIdentity {
  const emulated = strategy === 'thread-pool' && poolIsThreads(tasks, params) ? 'threads' : strategy;
  const { gil, switchIntervalUs, checkInterval, seed, ...machine } = emulatedSetup(emulated, params);
  const contended = gilRivals(threadLayout(emulated, tasks.length, params), tasks.length) > 1;
  const shape = contended ? { ...machine, gil, switchIntervalUs, checkInterval, seed } : machine;
  return { key: JSON.stringify({ emulated, ...shape }), emulated };
}

/**
 * Every task has a worker of its own from the start: no task waits in the queue or reuses a
 * worker. That needs a core per task too: on fewer cores a worker that finishes its task before
 * another worker first runs takes the next task itself (W1 runs T1 then T2), which the threads
 * layout, a thread per task, never does. And not under shortest-job-first, which orders a
 * pool's workers before they hold a task, so it puts them on other cores than the threads.
 */
function poolIsThreads(tasks: readonly TaskSpec[], params: EmulatorParams): boolean {
  return tasks.length <= params.workers && tasks.length <= params.cores && params.policy !== 'sjf' && tasks.every((task) => task.arrivalUs === 0);
}

/**
 * A run kept for an identity, as the run of `strategy` with `params` that it stands for: the
 * strategy's name and setup record, and its lanes' groups named after its own threads (the
 * layouts are equal thread for thread, so a lane keeps its thread's index).
 */
export function presentAs(run: EmulatedRun, tasks: readonly TaskSpec[], strategy: EmulatedStrategy, params: EmulatorParams): EmulatedRun {
  const setup = emulatedSetup(strategy, params);
  // Copies that keep the run's spans in columns (a spread would build them).
  if (run.strategy === strategy) return withFields(run, { setup });
  const from = threadLayout(run.strategy, tasks.length, params).names;
  const to = threadLayout(strategy, tasks.length, params).names;
  const lanes = run.lanes.map((lane) => ({ ...lane, group: to[from.indexOf(lane.group)] ?? lane.group }));
  return withFields(run, { strategy, setup, lanes });
}
