import type { Executor, Kernel } from './kernel.js';
import type { SimTask, SimThread, Work } from './sim-types.js';

function bind(thread: SimThread, task: SimTask): void {
  thread.task = task;
  task.owner = thread;
  if (task.group === '') task.group = thread.name;
}

function unbind(thread: SimThread): void {
  if (thread.task) thread.task.owner = null;
  thread.task = null;
}

function workFor(task: SimTask): Work {
  const phase = task.phases[task.phaseIndex]!;
  return { kind: phase.kind, remainingUs: phase.us, needsGil: phase.kind === 'cpu' && !phase.gilFree };
}

function remainingCpu(thread: SimThread): number {
  const task = thread.task;
  if (!task) return 0;
  const current = thread.work?.kind === 'cpu' ? thread.work.remainingUs : 0;
  const from = thread.work?.kind === 'cpu' ? task.phaseIndex + 1 : task.phaseIndex;
  return current + task.cpuSuffixUs[from]!;
}

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
    private readonly kernel: Kernel,
    private readonly workers: SimThread[],
    private readonly options: PoolOptions,
  ) {
    this.spawned = workers.map(() => options.spawnUs === 0);
  }

  start(): void {
    if (!this.options.eagerSpawn) return;
    for (const worker of this.workers) if (worker.state === 'idle') this.kernel.wake(worker);
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
    const more = this.options.dedicated
      ? !this.kernel.tasks[thread.id]!.finished
      : this.assigned < this.kernel.tasks.length;
    return more ? 'idle' : 'exit';
  }

  workDone(thread: SimThread, work: Work): void {
    const task = thread.task;
    if (work.kind === 'spawn' || !task) return;
    task.phaseIndex++;
    if (task.phaseIndex < task.phases.length) return;
    unbind(thread);
    this.kernel.finishTask(task);
  }

  onArrival(task: SimTask): void {
    if (this.options.dedicated) {
      const worker = this.workers[task.id]!;
      this.assigned++;
      bind(worker, task);
      this.kernel.recordTask(task);
      if (worker.state === 'idle') this.kernel.wake(worker);
      return;
    }
    this.queue.push(task);
    const idle = this.workers.find((worker) => worker.state === 'idle' && (this.spawned[worker.id] || !this.options.eagerSpawn));
    if (idle) this.kernel.wake(idle);
  }

  onAwaitDone(): void {}

  remainingCpuUs(thread: SimThread): number {
    return remainingCpu(thread);
  }

  private take(): SimTask | undefined {
    if (this.options.dedicated || this.queueHead === this.queue.length) return undefined;
    const task = this.queue[this.queueHead++]!;
    this.assigned++;
    return task;
  }
}

/**
 * One thread running an event loop: coroutines run until they await I/O, which overlaps;
 * CPU work blocks the loop. Ready coroutines run in FIFO order, like asyncio's ready queue.
 */
export class AsyncExecutor implements Executor {
  private readonly ready: SimTask[] = [];
  private readyHead = 0;
  private finished = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly loop: SimThread,
  ) {}

  start(): void {}

  next(thread: SimThread): Work | 'idle' | 'exit' {
    for (;;) {
      if (!thread.task) {
        if (this.readyHead === this.ready.length) return this.finished === this.kernel.tasks.length ? 'exit' : 'idle';
        bind(thread, this.ready[this.readyHead++]!);
      }
      const task = thread.task!;
      const phase = task.phases[task.phaseIndex]!;
      if (phase.kind === 'cpu') return workFor(task);
      // `await`: the coroutine suspends, its I/O proceeds without the loop, the loop moves on.
      unbind(thread);
      task.awaiting = true;
      this.kernel.events.push(this.kernel.nowUs + phase.us, 'await-done', task.id);
      this.kernel.recordTask(task);
    }
  }

  workDone(thread: SimThread): void {
    const task = thread.task!;
    task.phaseIndex++;
    if (task.phaseIndex < task.phases.length) return;
    unbind(thread);
    this.finish(task);
  }

  onArrival(task: SimTask): void {
    this.enqueue(task);
  }

  onAwaitDone(task: SimTask): void {
    task.awaiting = false;
    task.phaseIndex++;
    if (task.phaseIndex === task.phases.length) return this.finish(task);
    this.enqueue(task);
  }

  remainingCpuUs(thread: SimThread): number {
    return remainingCpu(thread);
  }

  private enqueue(task: SimTask): void {
    this.ready.push(task);
    this.kernel.recordTask(task);
    if (this.loop.state === 'idle') this.kernel.wake(this.loop);
  }

  private finish(task: SimTask): void {
    this.finished++;
    this.kernel.finishTask(task);
  }
}
