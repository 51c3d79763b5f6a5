import { compressAsync, compressSync, compressibleData } from '../../workloads/compress.js';
import { count } from '../../workloads/count.js';
import { DB_TABLES } from '../../workloads/db-server.js';
import { query } from '../../workloads/query.js';
import { sleepAsync, sleepBlocking } from '../../workloads/sleep.js';
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
  /** Called between chunks of work and slices of a sleep (a child checks that its parent is still alive). */
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

  const results: string[] = [];
  try {
    takeGil();
    report('running');
    for (const call of task.calls) {
      switch (call.workload) {
        case 'count':
          results.push(String(count(call.argument, onChunk, lock ? GIL_CHECK_CHUNK : undefined)));
          break;
        case 'sleep': {
          const wakeUs = now() + Math.round(call.argument * 1_000);
          await waitOutside(() => (mode === 'async' ? sleepAsync(call.argument) : sleepBlocking(call.argument, betweenChunks)));
          // On a shared loop the coroutine may resume late: it was ready, not sleeping, meanwhile.
          if (mode === 'async' && now() - wakeUs > LATE_RESUME_US) {
            emit({ type: 'state', lane, atUs: wakeUs, state: 'ready' });
            report('running');
          }
          break;
        }
        case 'query': {
          if (context.db === null) throw new Error('no database server was started for this run');
          const address = context.db;
          const table = DB_TABLES.includes(task.name) ? task.name : DB_TABLES[0]!;
          let rows = 0;
          await waitOutside(async () => (rows = await query(address, table, call.argument)));
          results.push(`${rows} rows`);
          break;
        }
        case 'compress': {
          const data = compressibleData(call.argument);
          if (mode === 'async') {
            // On libuv's thread pool: the loop is free, and several compressions use several cores.
            results.push(`${await compressAsync(data)} bytes`);
          } else {
            lock?.release(id); // CPython's zlib releases the GIL while it compresses
            results.push(`${compressSync(data)} bytes`);
            takeGil();
            report('running');
          }
          break;
        }
        case 'fault':
          runFault(call.argument);
          break;
      }
    }
    return { lane, atUs: now(), ok: true, result: results.join(', ') };
  } catch (error) {
    return { lane, atUs: now(), ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    lock?.release(id);
  }
}
