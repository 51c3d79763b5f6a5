import type { PoolOptions } from './pool-executor.js';
import type { EmulatedStrategy, EmulatorParams } from './params.js';

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
 * How a strategy maps tasks onto threads and processes (DESIGN.md, "Strategies"). The emulation
 * and its event budget both read it, so the budget cannot assume a cost the run never pays.
 */
export function threadLayout(strategy: EmulatedStrategy, taskCount: number, params: EmulatorParams): ThreadLayout {
  const named = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  const oneProcess = { processCount: 1, processOf: () => 0 };
  const processEach = (count: number) => ({ processCount: count, processOf: (thread: number) => thread });
  const threadPool: PoolOptions = { dedicated: false, spawnUs: 0, eagerSpawn: false };
  switch (strategy) {
    case 'sequential':
      return { names: ['main'], ...oneProcess, pool: threadPool };
    case 'async':
      return { names: ['loop'], ...oneProcess, pool: threadPool };
    case 'threads':
      return { names: named('T', taskCount), ...oneProcess, pool: { ...threadPool, dedicated: true } };
    case 'thread-pool':
      return { names: named('W', params.workers), ...oneProcess, pool: threadPool };
    case 'processes':
      return {
        names: named('P', taskCount),
        ...processEach(taskCount),
        pool: { dedicated: true, spawnUs: params.spawnCostUs, eagerSpawn: false },
      };
    case 'process-pool':
      return {
        names: named('P', params.workers),
        ...processEach(params.workers),
        pool: { dedicated: false, spawnUs: params.spawnCostUs, eagerSpawn: true },
      };
  }
}
