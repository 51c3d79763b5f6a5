import type { Executor, ExecutorHost } from './executor-model.js';
import type { SimTask, SimThread, Work } from './sim-types.js';
import { bind, remainingCpu, unbind, workFor } from './task-binding.js';

export interface PoolOptions {
  /** Worker i runs only task i (a thread or process per task); otherwise workers share a FIFO queue. */
  dedicated: boolean;
  /** Start-up cost of each worker (processes); 0 for threads. */
  spawnUs: number;
  /** Spawn every worker at time 0 (multiprocessing.Pool) rather than when it gets its first task. */
  eagerSpawn: boolean;
}

/**
 * Threads or processes that take tasks and run their phases, blocking on I/O: `sequential` is a
 * pool of one, `threads`/`processes` are dedicated workers, `*-pool` share a queue.
 */
export class PoolExecutor implements Executor {
  private readonly queue: SimTask[] = [];
  private queueHead = 0;
  private readonly spawned: boolean[];
  private assigned = 0;

  constructor(
    private readonly host: ExecutorHost,
    private readonly tasks: readonly SimTask[],
    private readonly workers: readonly SimThread[],
    private readonly options: PoolOptions,
  ) {
    this.spawned = workers.map(() => options.spawnUs === 0);
  }

  start(): void {
    if (!this.options.eagerSpawn) return;
    for (const worker of this.workers) if (worker.state === 'idle') this.host.wake(worker);
  }

  next(thread: SimThread): Work | 'idle' | 'exit' {
    if (!thread.task) {
      const task = this.take();
      if (task) bind(thread, task);
    }
    if (!this.spawned[thread.id]) {
      if (!thread.task && !this.options.eagerSpawn) return 'idle';
      this.spawned[thread.id] = true;
      return { kind: 'spawn', remainingUs: this.options.spawnUs, needsGil: false };
    }
    if (thread.task) return workFor(thread.task);
    const more = this.options.dedicated ? !this.tasks[thread.id]!.finished : this.assigned < this.tasks.length;
    return more ? 'idle' : 'exit';
  }

  workDone(thread: SimThread, work: Work): void {
    const task = thread.task;
    if (work.kind === 'spawn' || !task) return;
    task.phaseIndex++;
    if (task.phaseIndex < task.phases.length) return;
    unbind(thread);
    this.host.finishTask(task);
  }

  onArrival(task: SimTask): void {
    if (this.options.dedicated) {
      const worker = this.workers[task.id]!;
      this.assigned++;
      bind(worker, task);
      this.host.recordTask(task);
      if (worker.state === 'idle') this.host.wake(worker);
      return;
    }
    this.queue.push(task);
    const idle = this.workers.find((worker) => worker.state === 'idle' && (this.spawned[worker.id] || !this.options.eagerSpawn));
    if (idle) this.host.wake(idle);
  }

  onAwaitDone(): void {}

  remainingCpuUs(thread: SimThread): number {
    return remainingCpu(thread);
  }

  /** The next queued task, for a shared-queue pool. */
  private take(): SimTask | undefined {
    if (this.options.dedicated || this.queueHead === this.queue.length) return undefined;
    const task = this.queue[this.queueHead++]!;
    this.assigned++;
    return task;
  }
}
