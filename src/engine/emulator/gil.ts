/**
 * GIL models. Each process has its own GIL; a thread needs its process's GIL to run bytecode.
 * `none` is `NoGil` (gil-none.ts), `new` is `NewGil` (new-gil.ts), `old` is `OldGil` (old-gil.ts),
 * `pypy` is `PypyGil` (pypy-gil.ts);
 * each implements `GilModel` and talks to the OS only through `GilHost` (gil-model.ts).
 *
 * Simplifications common to them, and why:
 * - A thread that wakes from a GIL wait must be scheduled on a core before it can act (request a
 *   drop, take the GIL). We keep that, because it is what makes hand-offs wait for the OS time
 *   slice on one core. Its few instructions cost no CPU time; the context-switch cost stands in.
 * - The holder notices a drop request "at its next check" at once (CPython checks every few
 *   bytecodes, microseconds apart).
 * - Releasing the GIL for I/O never waits on FORCE_SWITCHING's switch_cond (CPython may, when a
 *   drop request happens to be pending); the next taker resets the request instead.
 * - cond_signal wakes the longest waiter (pthreads leaves the order unspecified).
 */
export type { GilHost, GilModel } from './gil-model.js';
export { NoGil } from './gil-none.js';
export { NewGil } from './new-gil.js';
export { BATTLE_ROUND_US, OLD_GIL_RACE_WIN, OLD_GIL_TICK_NS, oldGilCheckPeriodNs, singleRaceHoldUs } from './old-gil-battle.js';
export { OldGil } from './old-gil.js';
export { PypyGil, pypyYieldPeriodUs } from './pypy-gil.js';
