import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { epochUs } from './clock.js';
import { builtEntry } from './entry-path.js';
import type { ThreadJob } from './thread-entry.js';
import { childEnv, childExecArgv } from './strategies/process.js';
import { loadWorkerPool } from './strategies/pooled.js';

/** What starting the real strategies' executors costs on this machine, as `calibrate` measures it. */
export interface StartupCosts {
  /** A worker thread of `threads`: `new Worker` → its first message (the task's hello). */
  threadUs: number;
  /** A pool of `poolWorkers` threads of `thread-pool`: creation → every worker answered. */
  threadPoolUs: number;
  /** The pool's size: this machine's cores. */
  poolWorkers: number;
  /** A child of `processes`: `fork` → its first message (`ready`). */
  processUs: number;
}

/** An empty task: the thread says hello (its start-up is over) and ends. */
const NOTHING: ThreadJob = { order: { lane: 0, task: { name: 'start-up', arrivalUs: 0, calls: [] } }, context: { originUs: 0, db: null, gil: null } };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `new Worker` of the threads strategy's entry until its first message. */
function timeThread(): Promise<number> {
  const startUs = epochUs();
  const worker = new Worker(builtEntry('thread-entry.js'), { workerData: NOTHING });
  return new Promise((resolve, reject) => {
    worker.once('message', () => {
      resolve(epochUs() - startUs);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** A piscina pool of `workers` until each of them answered a warm-up job. */
async function timePool(workers: number): Promise<number> {
  const { WorkerPool } = await loadWorkerPool();
  const startUs = epochUs();
  const pool = new WorkerPool(workers);
  try {
    // One task per worker at a time: `workers` jobs at once reach every worker.
    await Promise.all(Array.from({ length: workers }, () => pool.warmUp()));
    return epochUs() - startUs;
  } finally {
    await pool.destroy();
  }
}

/** `fork` of the processes strategy's child until its `ready`. */
function timeProcess(): Promise<number> {
  const startUs = epochUs();
  const child = fork(builtEntry('child-entry.js'), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: childEnv(),
    execArgv: childExecArgv(),
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => {
      resolve(epochUs() - startUs);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the child exited with code ${code} before its first message`)));
  });
}

/**
 * Medians of `runs` start-ups of each kind, one at a time, after one untimed warm-up of each (the
 * first loads the modules into the file cache). Rejects if a thread or child cannot start.
 */
export async function measureStartupCosts(runs = 5): Promise<StartupCosts> {
  const poolWorkers = availableParallelism();
  const times = async (once: () => Promise<number>) => {
    await once();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await once());
    return Math.round(median(samples));
  };
  return {
    threadUs: await times(timeThread),
    threadPoolUs: await times(() => timePool(poolWorkers)),
    poolWorkers,
    processUs: await times(timeProcess),
  };
}
