import type { PoolOptions } from './pool-executor.js';
import type { EmulatedStrategy, EmulatorParams } from './params.js';
import { strategyOf } from '../registry/strategies.js';

/** The threads and processes a strategy runs its tasks on. */
export interface ThreadLayout {
  /** One name per thread (T1…, W1…, P1…). */
  names: string[];
  /** Processes, each with its own GIL. */
  processCount: number;
  /** The process a thread belongs to. */
  processOf: (thread: number) => number;
  /** How the threads take tasks, and what starting one costs. */
  pool: PoolOptions;
}

/**
 * How a strategy maps tasks onto threads and processes (its descriptor in registry/strategies.ts).
 * The emulation and its event budget both read it, so the budget cannot assume a cost the run never pays.
 */
export function threadLayout(strategy: EmulatedStrategy, taskCount: number, params: EmulatorParams): ThreadLayout {
  return strategyOf(strategy).layout(taskCount, params);
}
