import { EmulatorInvariantError } from '../errors.js';
import type { Instant } from '../trace.js';
import type { Executor, ExecutorHost } from './executor-model.js';
import type { GilHost, GilModel } from './gil-model.js';
import { recordLane } from './lane-state.js';
import type { EmulatorParams } from './params.js';
import { createPolicy, type SchedulingPolicy } from './policies.js';
import type { Recorder } from './recorder.js';
import { Simulator, type HandlerTable } from './simulator.js';
import type { Core, SimTask, SimThread } from './sim-types.js';

/** The models a kernel runs with, each built on the narrow view of the kernel it may use. */
export interface KernelModels {
  gil: (host: GilHost) => GilModel;
  executor: (host: ExecutorHost) => Executor;
}

/**
 * The emulated OS: cores, time slices and context switches, on top of the simulator. Threads ask
 * for cores; the scheduling policy orders and preempts them, the GIL model decides when they may
 * run bytecode, and the executor what work they do.
 */
export class Kernel implements GilHost, ExecutorHost {
  contextSwitches = 0;
  gilHandoffs = 0;
  readonly instants: Instant[] = [];
  private readonly sim: Simulator;
  private readonly cores: Core[];
  private freeCores: number;
  private readonly gil: GilModel;
  private readonly executor: Executor;
  private readonly policy: SchedulingPolicy;

  constructor(
    private readonly params: EmulatorParams,
    private readonly recorder: Recorder,
    private readonly tasks: readonly SimTask[],
    private readonly threads: readonly SimThread[],
    models: KernelModels,
  ) {
    this.cores = Array.from({ length: params.cores }, (_, id) => ({ id, thread: null, token: 0 }));
    this.freeCores = params.cores;
    this.sim = new Simulator(this.handlers(), () => this.settle());
    this.gil = models.gil(this);
    this.executor = models.executor(this);
    this.policy = createPolicy(params.policy, params.quantumUs, (thread) => this.executor.remainingCpuUs(thread));
  }

  get nowUs(): number {
    return this.sim.nowUs;
  }

  get idleCores(): number {
    return this.freeCores;
  }

  /** Runs the simulation to the end; returns the number of events handled. */
  run(): number {
    for (const task of this.tasks) this.sim.schedule(task.arrivalUs, 'arrival', task.id);
    this.sim.schedule(0, 'start', 0);
    this.sim.run();
    const unfinished = this.tasks.filter((task) => !task.finished);
    if (unfinished.length > 0) {
      throw new EmulatorInvariantError(`simulation stalled with ${unfinished.length} unfinished task(s) at ${this.nowUs}us`);
    }
    return this.sim.handled;
  }

  /** One handler per event kind; token checks drop events made stale by a later decision. */
  private handlers(): HandlerTable {
    return {
      arrival: (taskId) => {
        const task = this.tasks[taskId]!;
        task.arrived = true;
        this.recordTask(task);
        this.executor.onArrival(task);
      },
      start: () => this.executor.start(),
      'io-done': (threadId, token) => {
        const thread = this.threads[threadId]!;
        if (token !== thread.token || thread.state !== 'io') return;
        const work = thread.work!;
        thread.work = null;
        this.executor.workDone(thread, work);
        this.wake(thread);
      },
      'await-done': (taskId) => this.executor.onAwaitDone(this.tasks[taskId]!),
      'slice-end': (coreId, token) => {
        const core = this.cores[coreId]!;
        if (token === core.token) this.onSliceEnd(core.thread!);
      },
      'gil-timeout': (threadId, token) => {
        const thread = this.threads[threadId]!;
        if (token === thread.token) this.gil.onTimeout(thread);
      },
      'dispatch-done': (coreId, token) => {
        const core = this.cores[coreId]!;
        if (token === core.token) this.onDispatched(core.thread!);
      },
    };
  }

  wake(thread: SimThread): void {
    thread.state = 'ready';
    this.policy.push(thread);
    this.touch(thread);
  }

  block(thread: SimThread): void {
    this.park(thread, 'gil-wait');
  }

  interrupt(thread: SimThread): void {
    this.charge(thread);
    this.cores[thread.core]!.token++;
  }

  reslice(thread: SimThread): void {
    this.interrupt(thread);
    this.step(thread);
  }

  recordHandoff(to: SimThread): void {
    this.gilHandoffs++;
    this.instants.push({ kind: 'gil-handoff', atUs: this.nowUs, lane: to.task ? to.task.id : -1 });
  }

  startTimer(thread: SimThread, atUs: number): void {
    thread.token++;
    this.sim.schedule(atUs, 'gil-timeout', thread.id, thread.token);
  }

  cancelTimer(thread: SimThread): void {
    thread.token++;
  }

  recordTask(task: SimTask): void {
    recordLane(this.recorder, task, this.nowUs);
  }

  finishTask(task: SimTask): void {
    task.finished = true;
    this.recorder.finish(task.id, 'done', this.nowUs);
  }

  scheduleAwait(task: SimTask, atUs: number): void {
    this.sim.schedule(atUs, 'await-done', task.id);
  }

  /** `thread` leaves its core to block (GIL, I/O), idle or exit. */
  private park(thread: SimThread, state: 'gil-wait' | 'io' | 'idle' | 'exited'): void {
    thread.state = state;
    this.freeCore(thread);
    this.touch(thread);
  }

  /** Reports the lane state of the thread's task, if it has one. */
  private touch(thread: SimThread): void {
    if (thread.task) this.recordTask(thread.task);
  }

  /**
   * Hands free cores to runnable threads, once everything of this instant has happened, so
   * simultaneous arrivals compete (SJF) instead of the first one taking the core.
   */
  private settle(): void {
    while (this.freeCores > 0 && this.policy.size > 0) {
      const thread = this.policy.take();
      this.dispatch(this.chooseCore(thread), thread);
    }
  }

  /** The core the thread last ran on if it is free (cache affinity), else the first free one. */
  private chooseCore(thread: SimThread): Core {
    const last = thread.lastCore >= 0 ? this.cores[thread.lastCore]! : undefined;
    if (last && last.thread === null) return last;
    for (const core of this.cores) if (core.thread === null) return core;
    throw new EmulatorInvariantError('no free core to dispatch on');
  }

  private dispatch(core: Core, thread: SimThread): void {
    core.thread = thread;
    core.token++;
    this.freeCores--;
    thread.core = core.id;
    thread.state = 'dispatching';
    this.contextSwitches++;
    this.touch(thread);
    if (this.params.switchCostUs === 0) this.onDispatched(thread);
    else this.sim.schedule(this.nowUs + this.params.switchCostUs, 'dispatch-done', core.id, core.token);
  }

  private onDispatched(thread: SimThread): void {
    thread.state = 'running';
    thread.lastCore = thread.core;
    this.policy.startTurn(thread, this.nowUs);
    this.step(thread);
  }

  /** `thread` is on a core: find out what it does next and do it. */
  private step(thread: SimThread): void {
    if (thread.work === null) {
      const next = this.executor.next(thread);
      if (next === 'idle' || next === 'exit') {
        this.gil.release(thread);
        return this.park(thread, next === 'exit' ? 'exited' : 'idle');
      }
      thread.work = next;
    }
    const work = thread.work;
    if (work.kind === 'io') {
      this.gil.release(thread);
      thread.token++;
      this.sim.schedule(this.nowUs + work.remainingUs, 'io-done', thread.id, thread.token);
      return this.park(thread, 'io');
    }
    if (!work.needsGil) this.gil.release(thread);
    else if (!this.gil.ensureHeld(thread)) return;
    const limitUs = Math.min(work.remainingUs, this.gil.runLimitUs(thread));
    const sliceUs = Math.min(limitUs, this.policy.turnEndUs(thread) - this.nowUs);
    thread.sliceStartUs = this.nowUs;
    thread.state = 'running';
    this.touch(thread);
    const core = this.cores[thread.core]!;
    this.sim.schedule(this.nowUs + sliceUs, 'slice-end', core.id, core.token);
  }

  private onSliceEnd(thread: SimThread): void {
    this.charge(thread);
    const work = thread.work!;
    if (work.remainingUs > 0 && this.gil.onRunLimit(thread)) return;
    if (work.remainingUs === 0) {
      thread.work = null;
      this.executor.workDone(thread, work);
    }
    if (this.policy.turnOver(thread, this.nowUs)) {
      this.gil.onPreempt(thread);
      if (this.policy.size > 0) {
        this.freeCore(thread);
        return this.wake(thread);
      }
      this.policy.startTurn(thread, this.nowUs);
    }
    this.step(thread);
  }

  /** Counts the CPU time since the slice started against the current work. */
  private charge(thread: SimThread): void {
    const work = thread.work!;
    work.remainingUs -= this.nowUs - thread.sliceStartUs;
    thread.sliceStartUs = this.nowUs;
    if (work.remainingUs < 0) throw new EmulatorInvariantError(`thread ${thread.name} ran past its work`);
  }

  private freeCore(thread: SimThread): void {
    if (thread.core < 0) return;
    const core = this.cores[thread.core]!;
    core.thread = null;
    core.token++;
    thread.core = -1;
    this.freeCores++;
  }
}
