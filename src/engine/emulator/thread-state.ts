import { assertNever } from '../assert-never.js';
import { EVENT_KINDS } from './event-queue.js';
import type { Cores } from './cores.js';
import type { SimTask, SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

/**
 * Visits a thread (steady-state.ts). Fields are visited only while they are read: a thread's
 * slice and turn only while it runs (dispatch sets both anew); its GIL fields are the GIL model's.
 */
export function visitThread(s: StateVisitor, thread: SimThread): void {
  s.same(thread.state);
  s.same(thread.core);
  s.same(thread.lastCore);
  s.same(thread.task);
  s.same(thread.gilPhase);
  s.same(thread.wakeCostUs);
  s.same(thread.gilRound);
  s.same(thread.waitQueued);
  s.same(thread.waitPrev);
  s.same(thread.waitNext);
  thread.gilDeadlineUs = s.clock(thread.gilDeadlineUs);
  thread.gilRaceStartUs = s.clock(thread.gilRaceStartUs);
  if (thread.state === 'running') {
    thread.sliceStartUs = s.clock(thread.sliceStartUs);
    thread.quantumEndUs = s.clock(thread.quantumEndUs);
  }
  const work = thread.work;
  s.same(work);
  if (work === null) return;
  s.same(work.kind);
  s.same(work.needsGil);
  s.same(work.onCore);
  s.same(work.reply);
  // Work on a core is charged as it runs; a blocking call's time is its I/O event's.
  if (work.kind !== 'io' || work.onCore) work.remainingUs = s.work(work.remainingUs);
  else s.same(work.remainingUs);
}

/** Visits a task's progress (steady-state.ts): any change of phase is progress, so these stay the same. */
export function visitTask(s: StateVisitor, task: SimTask): void {
  s.same(task.arrived);
  s.same(task.finished);
  s.same(task.phaseIndex);
  s.same(task.awaiting);
  s.same(task.owner);
  s.same(task.group);
  s.same(task.sendUs);
  task.sentAtUs = s.clock(task.sentAtUs);
}

/** The current token of an event's target, which a pending event of that kind must match to count. */
export function targetToken(kindIndex: number, target: number, threads: readonly SimThread[], cores: Cores): number {
  const kind = EVENT_KINDS[kindIndex]!;
  switch (kind) {
    case 'io-done':
    case 'gil-timeout':
      return threads[target]!.token;
    case 'slice-end':
    case 'dispatch-done':
      return cores.at(target).token;
    case 'arrival':
    case 'start':
    case 'await-done':
      return 0;
    default:
      return assertNever(kind, 'event kind');
  }
}
