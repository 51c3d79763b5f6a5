import type { SimTask, SimThread, Work } from './sim-types.js';

/** How tasks map onto threads (pools, dedicated threads, an event loop): what each thread does next. */
export interface Executor {
  /** Called once at time 0, after the arrivals of time 0. */
  start(): void;
  /** The next work for `thread`, which is on a core; may bind a task to it. */
  next(thread: SimThread): Work | 'idle' | 'exit';
  /** `thread` completed its current work item. */
  workDone(thread: SimThread, work: Work): void;
  /** `task` arrived: it is runnable from now on. */
  onArrival(task: SimTask): void;
  /** An async coroutine's awaited I/O completed. */
  onAwaitDone(task: SimTask): void;
  /** CPU work left for the thread's task (the SJF key). */
  remainingCpuUs(thread: SimThread): number;
}

/** What an executor may ask of the emulated OS, and all it may see of it. */
export interface ExecutorHost {
  /** The simulated clock, in µs. */
  readonly nowUs: number;
  /** An idle thread has work again: it becomes runnable. */
  wake(thread: SimThread): void;
  /** The state of `task`'s lane may have changed (bound, unbound, awaiting): record it. */
  recordTask(task: SimTask): void;
  /** `task` ran its last phase. */
  finishTask(task: SimTask): void;
  /** An awaited I/O of `task` (not bound to any thread meanwhile) completes at `atUs`. */
  scheduleAwait(task: SimTask, atUs: number): void;
}

/**
 * An executor whose calls are counted: each one may change what a task does next (a phase, a
 * binding, an arrival), which no cycle of a steady state repeats (fast-forward.ts).
 */
export class CountedExecutor implements Executor {
  /** Calls that may change a task's course so far. */
  calls = 0;

  constructor(private readonly inner: Executor) {}

  start(): void {
    this.calls++;
    this.inner.start();
  }
  next(thread: SimThread): Work | 'idle' | 'exit' {
    this.calls++;
    return this.inner.next(thread);
  }
  workDone(thread: SimThread, work: Work): void {
    this.calls++;
    this.inner.workDone(thread, work);
  }
  onArrival(task: SimTask): void {
    this.calls++;
    this.inner.onArrival(task);
  }
  onAwaitDone(task: SimTask): void {
    this.calls++;
    this.inner.onAwaitDone(task);
  }
  remainingCpuUs(thread: SimThread): number {
    return this.inner.remainingCpuUs(thread);
  }
}
