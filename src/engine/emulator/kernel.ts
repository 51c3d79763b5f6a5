import { EmulatorInvariantError } from '../errors.js';
import { CountedExecutor, type Executor, type ExecutorHost } from './executor-model.js';
import type { GilHost, GilModel } from './gil-model.js';
import type { EmulatorParams } from './params.js';
import { createPolicy, type SchedulingPolicy } from './policies.js';
import type { Recorder } from './recorder.js';
import { RunLog } from './run-log.js';
import { Scheduler } from './scheduler.js';
import { Simulator } from './simulator.js';
import { GilTimers } from './gil-timers.js';
import { SliceEnds, type TurnEndHost } from './slice-ends.js';
import type { SimTask, SimThread, Work } from './sim-types.js';
import { canFastForward, FastForward, type SteadyStateHost } from './fast-forward.js';
import type { StateVisitor } from './steady-state.js';
import { targetToken, visitTask, visitThread } from './thread-state.js';

/** The models a kernel runs with, each built on the narrow view of the kernel it may use. */
export interface KernelModels {
  gil: (host: GilHost) => GilModel;
  executor: (host: ExecutorHost) => Executor;
}

/** How the kernel runs, not what it models: the run is the same either way. */
export interface KernelOptions {
  /**
   * Keep out of the event queue the slice ends nobody waits for (slice-ends.ts) and the GIL timers
   * cancelled in the instant they were set (gil-timers.ts). Off only to check that the run is the
   * same without it, and to count the events that it saves.
   */
  deferEvents: boolean;
  /** Skip the cycles of a periodic steady state (fast-forward.ts; on unless false). Off only to check that the run is the same. */
  fastForward?: boolean;
}

/**
 * The emulated OS on top of the simulator: what a thread does on its core. The scheduler gives
 * threads cores, the policy ends their turns, the GIL model decides when they may run bytecode
 * and the executor what work they do; the kernel turns that into slices, blocking and wake-ups.
 */
export class Kernel implements GilHost, ExecutorHost, TurnEndHost, SteadyStateHost {
  readonly log: RunLog;
  private readonly sim: Simulator;
  private readonly gil: GilModel;
  private readonly executor: CountedExecutor;
  private readonly policy: SchedulingPolicy;
  private readonly scheduler: Scheduler;
  /** The slice ends and GIL timers kept out of the event queue, or null when every one is scheduled. */
  private readonly sliceEnds: SliceEnds | null;
  private readonly timers: GilTimers | null;
  private readonly fastForward: FastForward | null;

  constructor(
    params: EmulatorParams,
    recorder: Recorder,
    private readonly tasks: readonly SimTask[],
    private readonly threads: readonly SimThread[],
    models: KernelModels,
    options: KernelOptions = { deferEvents: true },
  ) {
    this.log = new RunLog(recorder);
    // One handler per event kind; token checks drop events made stale by a later decision.
    this.sim = new Simulator(
      {
        arrival: (taskId) => this.onArrival(this.tasks[taskId]!),
        start: () => this.executor.start(),
        'io-done': (threadId, token) => this.onIoDone(this.threads[threadId]!, token),
        'await-done': (taskId) => this.executor.onAwaitDone(this.tasks[taskId]!),
        'slice-end': (coreId, token) => {
          const core = this.scheduler.cores.at(coreId);
          if (token === core.token) this.onSliceEnd(core.thread!);
        },
        'gil-timeout': (threadId, token) => {
          const thread = this.threads[threadId]!;
          if (token === thread.token) this.gil.onTimeout(thread);
        },
        'dispatch-done': (coreId, token) => this.scheduler.onDispatchDone(coreId, token),
      },
      () => {
        this.scheduler.settle();
        this.timers?.flush();
        this.sliceEnds?.settle();
        if (this.fastForward !== null && this.sim.instantOver()) this.fastForward.atInstantEnd();
      },
    );
    this.gil = models.gil(this);
    this.executor = new CountedExecutor(models.executor(this));
    this.policy = createPolicy(params.policy, params.quantumUs, (thread) => this.executor.remainingCpuUs(thread));
    this.scheduler = new Scheduler(this.sim, params.cores, params.switchCostUs, this.policy, this.log, (thread) => this.step(thread));
    this.sliceEnds = options.deferEvents ? new SliceEnds(this.sim, this.scheduler.cores, this.policy, this, params.cores) : null;
    this.timers = options.deferEvents ? new GilTimers(this.sim, threads) : null;
    if (this.sliceEnds) this.sim.deferred = this.sliceEnds;
    const marginUs = params.quantumUs + params.switchIntervalUs + params.switchCostUs;
    const fastForward = options.fastForward !== false && canFastForward(params.policy, this.gil, threads.length, tasks.length);
    this.fastForward = fastForward ? new FastForward(this, this.log, tasks.length, threads.length, marginUs) : null;
  }

  get nowUs(): number {
    return this.sim.nowUs;
  }

  get progress(): number {
    return this.executor.calls;
  }

  get idleCores(): number {
    return this.scheduler.cores.idle;
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

  // GilHost and ExecutorHost (documented on the interfaces).

  wake(thread: SimThread): void {
    this.scheduler.wake(thread);
  }

  block(thread: SimThread): void {
    this.scheduler.park(thread, 'gil-wait');
  }

  interrupt(thread: SimThread): void {
    this.charge(thread, this.nowUs);
    this.scheduler.cores.replan(thread);
  }

  reslice(thread: SimThread): void {
    this.interrupt(thread);
    this.step(thread);
  }

  recordHandoff(to: SimThread): void {
    this.log.handoff(to, this.nowUs);
  }

  countHandoffs(count: number): void {
    this.log.gilHandoffs += count;
  }

  startTimer(thread: SimThread, atUs: number): void {
    thread.token++;
    if (this.timers && atUs > this.nowUs) this.timers.start(thread, atUs);
    else this.sim.schedule(atUs, 'gil-timeout', thread.id, thread.token);
  }

  cancelTimer(thread: SimThread): void {
    thread.token++;
  }

  recordTask(task: SimTask): void {
    this.log.lane(task, this.nowUs);
  }

  finishTask(task: SimTask): void {
    this.log.finish(task, this.nowUs);
  }

  scheduleAwait(task: SimTask, atUs: number): void {
    this.sim.schedule(atUs, 'await-done', task.id);
  }

  visitSteadyState(s: StateVisitor): void {
    const cores = this.scheduler.cores;
    this.sim.visitSteadyState(s, (kindIndex, target) => targetToken(kindIndex, target, this.threads, cores));
    this.sliceEnds?.visitSteadyState(s);
    cores.visitSteadyState(s);
    this.policy.visitSteadyState(s);
    this.gil.visitSteadyState!(s, this.threads);
    for (const thread of this.threads) visitThread(s, thread);
    for (const task of this.tasks) visitTask(s, task);
    this.log.visitSteadyState(s);
  }

  private onArrival(task: SimTask): void {
    task.arrived = true;
    this.recordTask(task);
    this.executor.onArrival(task);
  }

  private onIoDone(thread: SimThread, token: number): void {
    if (token !== thread.token || thread.state !== 'io') return;
    const work = thread.work!;
    thread.work = null;
    this.executor.workDone(thread, work);
    this.wake(thread);
  }

  /** `thread` is on a core: find out what it does next and do it. */
  private step(thread: SimThread): void {
    if (thread.work === null) {
      const next = this.executor.next(thread);
      if (next === 'idle' || next === 'exit') {
        this.gil.release(thread);
        return this.scheduler.park(thread, next === 'exit' ? 'exited' : 'idle');
      }
      thread.work = next;
    }
    const work = thread.work;
    if (work.reply) this.awaitAnswer(thread.task!, work);
    if (work.kind === 'io' && work.onCore) {
      // A call that returns at once (a send): the GIL is released around it, the core kept.
      this.gil.releaseAroundCall(thread);
      return this.runSlice(thread, work.remainingUs);
    }
    if (work.kind === 'io') {
      this.gil.release(thread);
      thread.token++;
      this.sim.schedule(this.nowUs + work.remainingUs, 'io-done', thread.id, thread.token);
      return this.scheduler.park(thread, 'io');
    }
    if (!work.needsGil) this.gil.release(thread);
    else if (!this.gil.ensureHeld(thread)) return;
    this.runSlice(thread, Math.min(work.remainingUs, this.gil.runLimitUs(thread)));
  }

  /** An on-core call of `task` returned: if it was a send, a reply's answer counts from now. */
  private noteSent(task: SimTask): void {
    const phase = task.phases[task.phaseIndex]!;
    if (!phase.syscall) return;
    task.sentAtUs = this.nowUs;
    task.sendUs = phase.us;
  }

  /**
   * A receive of the answer to the task's last send: the answer is due `work.remainingUs` after
   * the send returned. If it is there by the time a call would return, the receive is such a
   * call (a short release, costed as the send); else it blocks for what is left. Decided once.
   */
  private awaitAnswer(task: SimTask, work: Work): void {
    work.reply = false;
    const leftUs = task.sentAtUs + work.remainingUs - this.nowUs;
    if (leftUs > task.sendUs) work.remainingUs = leftUs;
    else {
      work.onCore = true;
      work.remainingUs = Math.max(1, task.sendUs);
    }
  }

  /** `thread` works on its core for `limitUs` or until its turn ends, whichever comes first (its slice-end event). */
  private runSlice(thread: SimThread, limitUs: number): void {
    const nowUs = this.nowUs;
    thread.sliceStartUs = nowUs;
    thread.state = 'running';
    this.log.thread(thread, nowUs);
    const core = this.scheduler.cores.at(thread.core);
    const endUs = nowUs + limitUs;
    const turnEndUs = this.policy.turnEndUs(thread);
    if (this.sliceEnds && turnEndUs > nowUs && turnEndUs < endUs) this.sliceEnds.defer(core.id, turnEndUs, endUs);
    else this.sim.schedule(Math.min(endUs, turnEndUs), 'slice-end', core.id, core.token);
  }

  /** SliceEnds: a turn end of `thread` now would be a new turn and nothing else. */
  quietTurnEnd(thread: SimThread): boolean {
    return this.scheduler.waiting === 0 && this.gil.turnEndIsQuiet(thread);
  }

  private onSliceEnd(thread: SimThread): void {
    this.charge(thread, this.nowUs);
    const work = thread.work!;
    if (work.remainingUs > 0 && this.gil.onRunLimit(thread)) return;
    if (work.remainingUs === 0) {
      if (work.onCore) this.noteSent(thread.task!);
      thread.work = null;
      this.executor.workDone(thread, work);
    }
    if (this.policy.turnOver(thread, this.nowUs)) {
      this.gil.onPreempt(thread);
      if (this.scheduler.waiting > 0) return this.scheduler.preempt(thread);
      this.policy.startTurn(thread, this.nowUs);
    }
    this.step(thread);
  }

  /** Counts the CPU time from the slice's start to `atUs` against the current work. */
  charge(thread: SimThread, atUs: number): void {
    const work = thread.work!;
    work.remainingUs -= atUs - thread.sliceStartUs;
    thread.sliceStartUs = atUs;
    if (work.remainingUs < 0) throw new EmulatorInvariantError(`thread ${thread.name} ran past its work`);
  }
}
