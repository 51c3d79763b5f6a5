import type { SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

/**
 * A GIL model (none, new, old): decides when a thread may run Python bytecode. The kernel calls
 * it at the points where CPython's eval loop would touch the GIL; it answers through `GilHost`.
 */
export interface GilModel {
  /** take_gil: `thread` (on a core) wants to run bytecode. True if it holds the GIL now; false if it blocked. */
  ensureHeld(thread: SimThread): boolean;
  /** drop_gil: `thread` stops running bytecode (blocking I/O, going idle, exiting); gives the GIL up if held. */
  release(thread: SimThread): void;
  /** drop_gil around a call that returns at once on `thread`'s core (a send), after which it takes the GIL back. */
  releaseAroundCall(thread: SimThread): void;
  /** How long `thread` may run before the model needs control again (Infinity: no limit). */
  runLimitUs(thread: SimThread): number;
  /** A slice of unfinished work ended: true if it stopped at the run limit and `thread` lost the GIL (blocked). */
  onRunLimit(thread: SimThread): boolean;
  /** The OS is about to preempt `thread` at the end of its time slice. */
  onPreempt(thread: SimThread): void;
  /**
   * Whether the end of running `thread`'s time slice, if it came now with nobody waiting for a
   * core, would change nothing here: `onPreempt`, `ensureHeld` and `runLimitUs` would leave every
   * state as it is and give the same run limit as when its slice was planned. The kernel keeps
   * such slice ends out of the event queue.
   */
  turnEndIsQuiet(thread: SimThread): boolean;
  /** The timer `thread` set with `GilHost.startTimer` expired. */
  onTimeout(thread: SimThread): void;
  /**
   * Visits the model's state and the threads' GIL fields (steady-state.ts), for the fast-forward of
   * a periodic run; a model without it is never fast-forwarded.
   */
  visitSteadyState?(s: StateVisitor, threads: readonly SimThread[]): void;
}

/** What a GIL model may ask of the emulated OS, and all it may see of it. */
export interface GilHost {
  /** The simulated clock, in µs. */
  readonly nowUs: number;
  /** Cores with no thread on them. */
  readonly idleCores: number;
  /** A waiter was signalled: it becomes runnable (it must get a core before it acts). */
  wake(thread: SimThread): void;
  /** `thread` blocks on the GIL and leaves its core. */
  block(thread: SimThread): void;
  /** Stops a running `thread` mid-slice (a drop request), counting the CPU time it used. */
  interrupt(thread: SimThread): void;
  /** Plans a running `thread`'s slice again: its GIL situation changed mid-slice. */
  reslice(thread: SimThread): void;
  /** The GIL passed from one thread to `to` (a hand-off, counted and drawn). */
  recordHandoff(to: SimThread): void;
  /** `count` more hand-offs happened too fast to draw (the old GIL's battle): counted, not drawn. */
  countHandoffs(count: number): void;
  /** A timed wait of `thread` ends at `atUs` (replaces any earlier timer of `thread`). */
  startTimer(thread: SimThread, atUs: number): void;
  /** Cancels `thread`'s pending timer. */
  cancelTimer(thread: SimThread): void;
}
