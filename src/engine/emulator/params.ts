import type { Phase } from '../task-spec.js';
import type { GilMode } from '../registry/gil-models.js';

/** Everything the emulator's result depends on, besides the tasks. */

export type Policy = 'rr' | 'fifo' | 'sjf';
export const POLICIES: readonly Policy[] = ['rr', 'fifo', 'sjf'];

// The GIL models and strategies are registries (one descriptor each); their names are re-exported
// here because every part of the emulator speaks of them.
export { GIL_MODES, type GilMode } from '../registry/gil-models.js';
export { EMULATED_STRATEGIES, type EmulatedStrategy } from '../registry/strategies.js';

export interface EmulatorParams {
  /** CPU cores of the emulated machine. */
  cores: number;
  /** OS time slice for round-robin among runnable threads. */
  quantumUs: number;
  /** Cost of handing a core to a thread (wake-up + context switch). */
  switchCostUs: number;
  policy: Policy;
  gil: GilMode;
  /** New GIL: how long a waiter waits before it asks the holder to drop (sys.setswitchinterval). */
  switchIntervalUs: number;
  /** Old GIL: bytecode ticks between the holder's release-and-reacquire (sys.setcheckinterval). */
  checkInterval: number;
  /** Interpreter speed relative to CPython 3.12 on pure-Python CPU work, in permille (1400 = 1.4× slower). */
  cpuScalePermille: number;
  /** Start-up cost of a new process (multiprocessing). */
  spawnCostUs: number;
  /** Start-up cost of a new thread (threads, and each worker of thread-pool); CPython's ≈ 0.1 ms is taken as free. */
  threadSpawnCostUs: number;
  /** Start-up cost of a new subinterpreter with its own GIL (interpreters, and each worker of interpreter-pool). */
  interpreterSpawnCostUs: number;
  /** Workers of thread-pool and process-pool (default: cores). */
  workers: number;
  /** Seed of the PRNG (the old GIL's races are random). */
  seed: number;
}

export const DEFAULT_PARAMS: EmulatorParams = {
  cores: 2,
  // Linux with CONFIG_HZ=250 switches CPU-bound threads every ~4 ms.
  quantumUs: 4_000,
  // ≈ a futex wake-up plus a switch; two of them per GIL hand-off give CPython's measured
  // "interval + 0.1 ms" hold time on two cores.
  switchCostUs: 50,
  policy: 'rr',
  gil: 'new',
  switchIntervalUs: 5_000,
  checkInterval: 100,
  cpuScalePermille: 1_000,
  // A small script started with multiprocessing's spawn method.
  spawnCostUs: 20_000,
  // `--calibration machine` puts this machine's worker-thread start here (calibrate).
  threadSpawnCostUs: 0,
  // `_interpreters.create()` plus a first exec took 9.6–9.9 ms (median of 7) on CPython 3.13.0
  // here, against 0.08 ms for a thread, 2.8 ms for a forked process and 47 ms for a spawned one;
  // `calibrate --python` measures it on 3.13+ for that interpreter's twin.
  interpreterSpawnCostUs: 10_000,
  workers: 2,
  seed: 1,
};

/** A phase's time as the emulator runs it: bytecode at the interpreter's speed (never below 1 µs). */
export function emulatedPhaseUs(phase: Phase, cpuScalePermille: number): number {
  if (phase.kind !== 'cpu' || phase.gilFree) return phase.us;
  return Math.max(1, Math.round((phase.us * cpuScalePermille) / 1_000));
}
