import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { builtEntry } from './entry-path.js';
import type { FromExecutor, TaskOutcome } from './protocol.js';
import type { WorkerJob } from './worker-entry.js';

/** setTimeout's longest delay: piscina's idle timer must never retire a worker mid-run. */
const NEVER_MS = 2 ** 31 - 1;

/**
 * A fixed piscina pool: `minThreads = maxThreads = N` (piscina's default max oversubscribes a
 * 2-core machine) and one task per worker at a time (aborting one of several concurrent tasks
 * in a worker can kill the others: piscina #934).
 */
export class WorkerPool {
  private readonly pool: Piscina<WorkerJob, TaskOutcome[]>;

  constructor(threads: number) {
    this.pool = new Piscina({
      filename: builtEntry('worker-entry.js'),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: NEVER_MS,
      concurrentTasksPerWorker: 1,
    });
    // A worker that dies between tasks is replaced by piscina; its error must not crash the UI.
    this.pool.on('error', () => {});
  }

  /** Runs a job; its events and outcomes go to `onMessage` as they happen, on a port of their own. */
  async run(
    job: DistributiveOmit<Exclude<WorkerJob, { kind: 'warm-up' }>, 'port'>,
    onMessage: (message: FromExecutor) => void,
    signal: AbortSignal,
  ): Promise<TaskOutcome[]> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', onMessage);
    try {
      return await this.pool.run({ ...job, port: port2 } as WorkerJob, { transferList: [port2], signal });
    } finally {
      // Events already queued on the port are delivered before it closes.
      await new Promise((resolve) => setImmediate(resolve));
      port1.close();
    }
  }

  /** Resolves once a worker is up and has loaded the task runner (the host's start, before a run's clock). */
  async warmUp(): Promise<void> {
    await this.pool.run({ kind: 'warm-up' } satisfies WorkerJob);
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
