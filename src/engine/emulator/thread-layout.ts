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

/**
 * Threads of one process that can hold tasks at once, and so contend for its GIL: an idle pool
 * worker never asks for it, and a process of one thread has no rival. With fewer than two, no
 * GIL model changes the run (the budget and the dashboard's run cache both rely on this).
 */
export function gilRivals(layout: ThreadLayout, taskCount: number): number {
  return Math.min(layout.names.length / layout.processCount, taskCount);
}
