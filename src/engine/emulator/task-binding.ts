import type { SimTask, SimThread, Work } from './sim-types.js';

/** `thread` executes `task` from now on; the task's lane joins the thread's group the first time. */
export function bind(thread: SimThread, task: SimTask): void {
  thread.task = task;
  task.owner = thread;
  if (task.group === '') task.group = thread.name;
}

/** `thread` no longer executes a task. */
export function unbind(thread: SimThread): void {
  if (thread.task) thread.task.owner = null;
  thread.task = null;
}

/** The work of the task's current phase. */
export function workFor(task: SimTask): Work {
  const phase = task.phases[task.phaseIndex]!;
  const work: Work = { kind: phase.kind, remainingUs: phase.us, needsGil: phase.kind === 'cpu' && !phase.gilFree };
  if (phase.kind === 'io' && phase.syscall) work.onCore = true;
  if (phase.kind === 'io' && phase.reply) work.reply = true;
  return work;
}

/** CPU time left for the thread's task, counting what is left of its current CPU work. */
export function remainingCpu(thread: SimThread): number {
  const task = thread.task;
  if (!task) return 0;
  const current = thread.work?.kind === 'cpu' ? thread.work.remainingUs : 0;
  const from = thread.work?.kind === 'cpu' ? task.phaseIndex + 1 : task.phaseIndex;
  return current + task.cpuSuffixUs[from]!;
}
