import type { Executor, ExecutorHost } from './executor-model.js';
import type { SimTask, SimThread, Work } from './sim-types.js';
import { bind, remainingCpu, unbind, workFor } from './task-binding.js';

/**
 * One thread running an event loop: coroutines run until they await I/O, which overlaps;
 * CPU work blocks the loop. Ready coroutines run in FIFO order, like asyncio's ready queue.
 */
export class AsyncExecutor implements Executor {
  private readonly ready: SimTask[] = [];
  private readyHead = 0;
  private finished = 0;

  constructor(
    private readonly host: ExecutorHost,
    private readonly taskCount: number,
    private readonly loop: SimThread,
  ) {}

  start(): void {}

  next(thread: SimThread): Work | 'idle' | 'exit' {
    for (;;) {
      if (!thread.task) {
        if (this.readyHead === this.ready.length) return this.finished === this.taskCount ? 'exit' : 'idle';
        bind(thread, this.ready[this.readyHead++]!);
      }
      const task = thread.task!;
      const phase = task.phases[task.phaseIndex]!;
      if (phase.kind === 'cpu') return workFor(task);
      // `await`: the coroutine suspends, its I/O proceeds without the loop, the loop moves on.
      unbind(thread);
      task.awaiting = true;
      // A reply's answer is due `us` after the send returned, even if the loop gets to it late.
      this.host.scheduleAwait(task, phase.reply ? Math.max(this.host.nowUs, task.sentAtUs + phase.us) : this.host.nowUs + phase.us);
      this.host.recordTask(task);
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
    if (task.phases[task.phaseIndex]!.syscall) task.sentAtUs = this.host.nowUs;
    task.phaseIndex++;
    if (task.phaseIndex === task.phases.length) return this.finish(task);
    this.enqueue(task);
  }

  remainingCpuUs(thread: SimThread): number {
    return remainingCpu(thread);
  }

  private enqueue(task: SimTask): void {
    this.ready.push(task);
    this.host.recordTask(task);
    if (this.loop.state === 'idle') this.host.wake(this.loop);
  }

  private finish(task: SimTask): void {
    this.finished++;
    this.host.finishTask(task);
  }
}
