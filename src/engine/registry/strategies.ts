import type { EmulatorParams } from '../emulator/params.js';
import type { ThreadLayout } from '../emulator/thread-layout.js';
import type { PoolOptions } from '../emulator/pool-executor.js';

/**
 * Everything the program knows about one emulated strategy, in one place (DESIGN.md,
 * "Strategies"). Its real twin is the real strategy of the same name (twins.ts checks that
 * every emulated strategy has one).
 */
export interface Strategy<Name extends string = string> {
  name: Name;
  /** The threads and processes it runs `taskCount` tasks on. */
  layout(taskCount: number, params: EmulatorParams): ThreadLayout;
  /** True when one event loop runs the tasks as coroutines (switching only at I/O), not threads. */
  eventLoop: boolean;
  /** True when `--workers` sets how many threads or processes it runs on. */
  pooled: boolean;
  /**
   * What a real Python interpreter runs its tasks on (the Python runtime runs this very program):
   * the main thread, an asyncio loop, threads or processes. It names the lanes' groups.
   */
  runsOn: PythonExecutor;
}

/** Where a Python program runs a task. */
export type PythonExecutor = 'main-thread' | 'event-loop' | 'threads' | 'processes' | 'interpreters';

const named = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const oneProcess = { processCount: 1, processOf: () => 0 };
const processEach = (count: number) => ({ processCount: count, processOf: (thread: number) => thread });
/** One thread that starts free: the main thread (sequential) or its event loop (async). */
const mainThread: PoolOptions = { dedicated: false, spawnUs: 0, eagerSpawn: false };

const sequential: Strategy<'sequential'> = {
  name: 'sequential',
  layout: () => ({ names: ['main'], ...oneProcess, pool: mainThread }),
  eventLoop: false,
  pooled: false,
  runsOn: 'main-thread',
};

const threads: Strategy<'threads'> = {
  name: 'threads',
  // Each thread starts when its task arrives.
  layout: (taskCount, params) => ({
    names: named('T', taskCount),
    ...oneProcess,
    pool: { dedicated: true, spawnUs: params.threadSpawnCostUs, eagerSpawn: false },
  }),
  eventLoop: false,
  pooled: false,
  runsOn: 'threads',
};

const processes: Strategy<'processes'> = {
  name: 'processes',
  layout: (taskCount, params) => ({
    names: named('P', taskCount),
    ...processEach(taskCount),
    pool: { dedicated: true, spawnUs: params.spawnCostUs, eagerSpawn: false },
  }),
  eventLoop: false,
  pooled: false,
  runsOn: 'processes',
};

const asyncLoop: Strategy<'async'> = {
  name: 'async',
  layout: () => ({ names: ['loop'], ...oneProcess, pool: mainThread }),
  eventLoop: true,
  pooled: false,
  runsOn: 'event-loop',
};

const threadPoolStrategy: Strategy<'thread-pool'> = {
  name: 'thread-pool',
  // The pool starts its threads up front, as the real one does (piscina's min = max threads).
  layout: (_taskCount, params) => ({
    names: named('W', params.workers),
    ...oneProcess,
    pool: { dedicated: false, spawnUs: params.threadSpawnCostUs, eagerSpawn: params.threadSpawnCostUs > 0 },
  }),
  eventLoop: false,
  pooled: true,
  runsOn: 'threads',
};

const processPool: Strategy<'process-pool'> = {
  name: 'process-pool',
  layout: (_taskCount, params) => ({
    names: named('P', params.workers),
    ...processEach(params.workers),
    pool: { dedicated: false, spawnUs: params.spawnCostUs, eagerSpawn: true },
  }),
  eventLoop: false,
  pooled: true,
  runsOn: 'processes',
};

// Subinterpreters share one process but not a GIL: each is a GIL of its own, as a process is.
const interpreters: Strategy<'interpreters'> = {
  name: 'interpreters',
  layout: (taskCount, params) => ({
    names: named('I', taskCount),
    ...processEach(taskCount),
    pool: { dedicated: true, spawnUs: params.interpreterSpawnCostUs, eagerSpawn: false },
  }),
  eventLoop: false,
  pooled: false,
  runsOn: 'interpreters',
};

const interpreterPool: Strategy<'interpreter-pool'> = {
  name: 'interpreter-pool',
  // InterpreterPoolExecutor (3.14) is a ThreadPoolExecutor: a worker starts with its first task.
  layout: (_taskCount, params) => ({
    names: named('I', params.workers),
    ...processEach(params.workers),
    pool: { dedicated: false, spawnUs: params.interpreterSpawnCostUs, eagerSpawn: false },
  }),
  eventLoop: false,
  pooled: true,
  runsOn: 'interpreters',
};

/** The emulated strategies, in the order tables and `--strategy all` show them. */
export const STRATEGY_LIST = [sequential, threads, processes, asyncLoop, threadPoolStrategy, processPool, interpreters, interpreterPool] as const;

export type EmulatedStrategy = (typeof STRATEGY_LIST)[number]['name'];
export const EMULATED_STRATEGIES: readonly EmulatedStrategy[] = STRATEGY_LIST.map((strategy) => strategy.name);

/** The descriptor of a strategy; throws for a name no strategy has (a trace from elsewhere). */
export function strategyOf(name: EmulatedStrategy): Strategy<EmulatedStrategy> {
  const found = STRATEGY_LIST.find((strategy) => strategy.name === name);
  if (!found) throw new Error(`unknown emulated strategy ${JSON.stringify(name)}`);
  return found;
}
