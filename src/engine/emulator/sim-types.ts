/** Mutable simulation state shared by the kernel, the scheduler, the GIL models and the executors. */
import type { Phase } from '../task-spec.js';

/** What an OS thread is doing. */
export type ThreadState =
  | 'idle' // no work: a pool worker with an empty queue, an event loop with nothing ready
  | 'ready' // runnable, in the OS run queue
  | 'dispatching' // a core is being handed to it (paying the context-switch cost)
  | 'running' // on a core
  | 'gil-wait' // blocked on the GIL
  | 'io' // blocked in a system call (sleep, socket)
  | 'exited';

/** Where a thread is in CPython's take_gil / drop_gil. */
export type GilPhase =
  | 'none'
  | 'timed-wait' // new GIL: COND_TIMED_WAIT(gil->cond, interval)
  | 'switch-wait' // new GIL, FORCE_SWITCHING: the dropper waits until another thread took it
  | 'lock-wait' // old GIL: blocked on the lock
  | 'woken-timeout' // new GIL: the timed wait expired; will request a drop when it runs
  | 'woken'; // signalled; will try to take the GIL when it runs

/** One unit of work a thread executes. */
export interface Work {
  kind: 'cpu' | 'io' | 'spawn';
  remainingUs: number;
  /** Whether this CPU work runs Python bytecode (and so needs the GIL). */
  needsGil: boolean;
  /** I/O that returns at once (a send): the thread keeps its core, without the GIL. */
  onCore?: boolean;
  /** The answer to the task's last on-core I/O, due `remainingUs` after that call returned (Phase.reply). */
  reply?: boolean;
}

export interface SimTask {
  id: number;
  name: string;
  arrivalUs: number;
  arrived: boolean;
  finished: boolean;
  /** Next phase to run. */
  phaseIndex: number;
  /** An async coroutine awaiting I/O (not bound to any thread meanwhile). */
  awaiting: boolean;
  /** The thread or process that first ran it (the lane's group). */
  group: string;
  /** The thread executing it now, if any (kept in step with `SimThread.task`). */
  owner: SimThread | null;
  /** The phases with CPU time already scaled to the interpreter's speed. */
  phases: Phase[];
  /** CPU time of phases[i..] (cpuSuffixUs[phases.length] = 0): the SJF key in O(1). */
  cpuSuffixUs: number[];
  /** When its last on-core I/O (a send) returned, and how long it took: a reply's answer counts from then. */
  sentAtUs: number;
  sendUs: number;
}

export interface SimThread {
  id: number;
  /** The process (and so the GIL) it belongs to. */
  process: number;
  name: string;
  state: ThreadState;
  /** The core it occupies while dispatching or running, else -1. */
  core: number;
  lastCore: number;
  /** The task it is executing, if any. */
  task: SimTask | null;
  work: Work | null;
  /** When its current slice (a stretch of uninterrupted work) started. */
  sliceStartUs: number;
  /** Round-robin: when its time slice ends (kept by the scheduling policy). */
  quantumEndUs: number;
  /** Bumped to invalidate this thread's pending timer events (I/O, GIL timeouts). */
  token: number;
  gilPhase: GilPhase;
  /** Old GIL: when a waiter on another core wins the race for the GIL (Infinity: not racing). */
  gilDeadlineUs: number;
  /** Old GIL: when the race (or round of races) that ends at gilDeadlineUs began. */
  gilRaceStartUs: number;
  /** Old GIL: the race under way is a round of a battle between CPU-bound threads (old-gil-battle.ts). */
  gilRound: boolean;
  /** The GIL's switch number when this thread began its timed wait. */
  savedSwitch: number;
  /** New GIL: when its timed wait (one switch interval) times out. */
  gilTimeoutUs: number;
  /**
   * What its next dispatch costs instead of the context switch, or -1: a thread woken while still
   * awake on a core (the old GIL's race winner) gets going at once.
   */
  wakeCostUs: number;
  /** In its process's GIL wait queue (wait-queue.ts), between these two waiters (null: at an end). */
  waitQueued: boolean;
  waitPrev: SimThread | null;
  waitNext: SimThread | null;
}

export interface Core {
  id: number;
  thread: SimThread | null;
  /** Bumped to invalidate a pending slice-end or dispatch-done event. */
  token: number;
}
