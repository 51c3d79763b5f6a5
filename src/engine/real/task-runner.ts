import { workloadNamed, type WorkloadHost } from '../../workloads/index.js';
import { sinceUs } from './clock.js';
import { GilLock } from './gil-lock.js';
import type { ExecutorContext, ReportedState, TaskEvent, TaskOrder, TaskOutcome } from './protocol.js';
import { runFault } from './faults.js';

/**
 * `blocking`: the task owns its thread (worker, child, sequential runner) and blocks it on
 * sleeps, like Python threads. `async`: many tasks share one event loop (the async strategy):
 * CPU work blocks the loop, waits are awaited.
 */
export type RunMode = 'blocking' | 'async';

/** Progress is reported at most this often while computing: enough for live bars, cheap. */
const PROGRESS_EVERY_US = 1_000;
/** Chunk of the count loop between GIL checks: ≈ 55 µs of work, so a drop request is seen quickly. */
const GIL_CHECK_CHUNK = 1 << 16;
/** A coroutine resuming later than this after its sleep ended waited for the busy loop. */
const LATE_RESUME_US = 500;

/**
 * Runs one task's workload calls in order and reports its states through `emit`. A throwing
 * workload becomes a failed outcome; crashes of the executor itself are the engine's to see.
 */
export async function runTask(
  order: TaskOrder,
  context: ExecutorContext,
  mode: RunMode,
  emit: (event: TaskEvent) => void,
  /** Called between chunks of work (a child checks that its parent is still alive). */
  betweenChunks: () => void = () => {},
): Promise<TaskOutcome> {
  const { lane, task } = order;
  const now = () => sinceUs(context.originUs);
  const lock = mode === 'blocking' && context.gil ? new GilLock(context.gil.buffer, context.gil.switchIntervalUs) : null;
  const id = lane + 1;
  const report = (state: ReportedState) => emit({ type: 'state', lane, atUs: now(), state });
  const takeGil = () => {
    if (!lock) return;
    report('gil-wait');
    lock.acquire(id);
    emit({ type: 'gil', lane, atUs: now() });
  };
  let lastProgressUs = now();
  const onChunk = () => {
    betweenChunks();
    const atUs = now();
    if (lock?.dropRequested()) {
      report('gil-wait');
      lock.yieldTo(id);
      emit({ type: 'gil', lane, atUs: now() });
      report('running');
    } else if (atUs - lastProgressUs >= PROGRESS_EVERY_US) {
      lastProgressUs = atUs;
      emit({ type: 'progress', lane, atUs });
    }
  };
  /** Blocking I/O: CPython releases the GIL around it. */
  const waitOutside = async (wait: () => Promise<unknown> | unknown) => {
    report('io'); // before releasing: the next holder's running must not start before ours ends
    lock?.release(id);
    await wait();
    takeGil();
    report('running');
  };

  const host: WorkloadHost = {
    mode,
    taskName: task.name,
    dbPort: context.dbPort,
    nowUs: now,
    onChunk,
    gilCheckChunk: lock ? GIL_CHECK_CHUNK : undefined,
    waitOutside,
    withoutGil: (work) => {
      lock?.release(id);
      const result = work();
      takeGil();
      report('running');
      return result;
    },
    resumed: (dueUs) => {
      // On a shared loop the coroutine may resume late: it was ready, not sleeping, meanwhile.
      if (mode === 'async' && now() - dueUs > LATE_RESUME_US) {
        emit({ type: 'state', lane, atUs: dueUs, state: 'ready' });
        report('running');
      }
    },
  };

  const results: string[] = [];
  try {
    takeGil();
    report('running');
    for (const call of task.calls) {
      if (call.workload === 'fault') {
        runFault(call.argument);
        continue;
      }
      // An unknown workload throws here, so its task fails instead of reporting ok.
      const running = workloadNamed(call.workload).run(call.argument, host);
      // Synchronous work (a count) stays synchronous: no other coroutine may run in between.
      const result = running instanceof Promise ? await running : running;
      if (result !== null) results.push(result);
    }
    return { lane, atUs: now(), ok: true, result: results.join(', ') };
  } catch (error) {
    return { lane, atUs: now(), ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    lock?.release(id);
  }
}
