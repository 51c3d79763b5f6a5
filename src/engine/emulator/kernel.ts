import type { Instant } from '../trace.js';
import { EventQueue } from './event-queue.js';
import type { EmulatorParams } from './params.js';
import type { Recorder } from './recorder.js';
import { RunQueue } from './run-queue.js';
import type { Core, SimTask, SimThread, Work } from './sim-types.js';
import { EmulatorInvariantError } from '../errors.js';

/** A GIL model (none, new, old): decides when a thread may run Python bytecode. */
export interface GilModel {
  /** `thread` (on a core) wants to run bytecode: true if it holds the GIL now; false if it was parked. */
  ensureHeld(thread: SimThread): boolean;
  /** `thread` stops running bytecode (blocking I/O, going idle, exiting): gives the GIL up if held. */
  release(thread: SimThread): void;
  /** How long `thread` may run before the GIL model needs control again. */
  runLimitUs(thread: SimThread): number;
  /** After a slice of unfinished work: true if it stopped at the run limit and `thread` lost the GIL (parked). */
  onRunLimit(thread: SimThread): boolean;
  /** The OS is about to preempt `thread` at the end of its time slice. */
  onPreempt(thread: SimThread): void;
  /** A timed GIL wait of `thread` expired. */
  onTimeout(thread: SimThread): void;
}

/** How tasks map onto threads: pools, dedicated threads, an event loop. */
export interface Executor {
  /** Called once at time 0, after the arrivals of time 0. */
  start(): void;
  /** The next work for `thread`, which is on a core; may bind a task to it. */
  next(thread: SimThread): Work | 'idle' | 'exit';
  /** `thread` completed its current work item. */
  workDone(thread: SimThread, work: Work): void;
  onArrival(task: SimTask): void;
  /** An async coroutine's awaited I/O completed. */
  onAwaitDone(task: SimTask): void;
  /** CPU work left for the thread's task (the SJF key). */
  remainingCpuUs(thread: SimThread): number;
}

/**
 * The emulated OS: cores, a run queue, time slices and context switches, driven by a
 * discrete-event loop. Threads ask for cores; the GIL model and the executor decide what they do.
 */
export class Kernel {
  nowUs = 0;
  contextSwitches = 0;
  gilHandoffs = 0;
  readonly instants: Instant[] = [];
  readonly events = new EventQueue();
  readonly cores: Core[];
  private freeCores: number;
  private readonly runQueue: RunQueue;
  /** Set by the wiring before `run`. */
  gil!: GilModel;
  executor!: Executor;

  constructor(
    readonly params: EmulatorParams,
    readonly recorder: Recorder,
    readonly tasks: SimTask[],
    readonly threads: SimThread[],
  ) {
    this.cores = Array.from({ length: params.cores }, (_, id) => ({ id, thread: null, token: 0 }));
    this.freeCores = params.cores;
    this.runQueue = new RunQueue(params.policy, (thread) => this.executor.remainingCpuUs(thread));
  }

  get idleCores(): number {
    return this.freeCores;
  }

  /** Runs the simulation to the end; returns the number of events handled. */
  run(): number {
    for (const task of this.tasks) this.events.push(task.arrivalUs, 'arrival', task.id);
    this.events.push(0, 'start', 0);
    let handled = 0;
    for (let event = this.events.pop(); event; event = this.events.pop()) {
      this.nowUs = event.timeUs;
      handled++;
      switch (event.kind) {
        case 'arrival': {
          const task = this.tasks[event.target]!;
          task.arrived = true;
          this.recordTask(task);
          this.executor.onArrival(task);
          break;
        }
        case 'start':
          this.executor.start();
          break;
        case 'io-done': {
          const thread = this.threads[event.target]!;
          if (event.token !== thread.token || thread.state !== 'io') break;
          const work = thread.work!;
          thread.work = null;
          this.executor.workDone(thread, work);
          this.wake(thread);
          break;
        }
        case 'await-done':
          this.executor.onAwaitDone(this.tasks[event.target]!);
          break;
        case 'slice-end': {
          const core = this.cores[event.target]!;
          if (event.token === core.token) this.onSliceEnd(core.thread!);
          break;
        }
        case 'gil-timeout': {
          const thread = this.threads[event.target]!;
          if (event.token === thread.token) this.gil.onTimeout(thread);
          break;
        }
        case 'dispatch-done': {
          const core = this.cores[event.target]!;
          if (event.token === core.token) this.onDispatched(core.thread!);
          break;
        }
      }
      // The OS picks threads for free cores once everything of this instant has happened,
      // so simultaneous arrivals compete (SJF) instead of the first one taking the core.
      if (this.events.peekTimeUs() !== this.nowUs) this.settle();
    }
    const unfinished = this.tasks.filter((task) => !task.finished);
    if (unfinished.length > 0) {
      throw new EmulatorInvariantError(`simulation stalled with ${unfinished.length} unfinished task(s) at ${this.nowUs}us`);
    }
    return handled;
  }

  /** `thread` becomes runnable. */
  wake(thread: SimThread): void {
    thread.state = 'ready';
    this.runQueue.push(thread);
    this.touch(thread);
  }

  /** `thread` leaves its core to block (GIL, I/O), idle or exit. */
  park(thread: SimThread, state: 'gil-wait' | 'io' | 'idle' | 'exited'): void {
    thread.state = state;
    this.freeCore(thread);
    this.touch(thread);
  }

  /** Stops a running thread mid-slice (a GIL drop request) and charges the work it did. */
  interrupt(thread: SimThread): void {
    this.charge(thread);
    this.cores[thread.core]!.token++;
  }

  /** Plans a running thread's slice again (its GIL situation changed mid-slice). */
  reslice(thread: SimThread): void {
    this.interrupt(thread);
    this.step(thread);
  }

  /** Reports the lane state of the thread's task, if it has one. */
  touch(thread: SimThread): void {
    if (thread.task) this.recordTask(thread.task);
  }

  recordTask(task: SimTask): void {
    if (task.finished || !task.arrived) return;
    if (task.awaiting) return this.recorder.set(task.id, 'io', this.nowUs);
    const thread = task.owner;
    if (!thread) return this.recorder.set(task.id, 'ready', this.nowUs);
    switch (thread.state) {
      case 'running':
        return this.recorder.set(task.id, thread.work?.kind === 'spawn' ? 'spawn' : 'running', this.nowUs, thread.core);
      // (the other states carry no core)
      case 'gil-wait':
        return this.recorder.set(task.id, 'gil-wait', this.nowUs);
      case 'io':
        return this.recorder.set(task.id, 'io', this.nowUs);
      default:
        return this.recorder.set(task.id, 'ready', this.nowUs);
    }
  }

  finishTask(task: SimTask): void {
    task.finished = true;
    this.recorder.finish(task.id, 'done', this.nowUs);
  }

  /** The GIL of a process passed from one thread to another. */
  recordHandoff(to: SimThread): void {
    this.gilHandoffs++;
    this.instants.push({ kind: 'gil-handoff', atUs: this.nowUs, lane: to.task ? to.task.id : -1 });
  }

  /** Hands free cores to runnable threads. */
  private settle(): void {
    while (this.freeCores > 0 && this.runQueue.size > 0) {
      const thread = this.runQueue.take();
      this.dispatch(this.chooseCore(thread), thread);
    }
  }

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
    else this.events.push(this.nowUs + this.params.switchCostUs, 'dispatch-done', core.id, core.token);
  }

  private onDispatched(thread: SimThread): void {
    thread.state = 'running';
    thread.lastCore = thread.core;
    thread.quantumEndUs = this.nowUs + this.params.quantumUs;
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
      this.events.push(this.nowUs + work.remainingUs, 'io-done', thread.id, thread.token);
      return this.park(thread, 'io');
    }
    if (!work.needsGil) this.gil.release(thread);
    else if (!this.gil.ensureHeld(thread)) return;
    let sliceUs = Math.min(work.remainingUs, this.gil.runLimitUs(thread));
    if (this.params.policy === 'rr') sliceUs = Math.min(sliceUs, thread.quantumEndUs - this.nowUs);
    thread.sliceStartUs = this.nowUs;
    thread.state = 'running';
    this.touch(thread);
    const core = this.cores[thread.core]!;
    this.events.push(this.nowUs + sliceUs, 'slice-end', core.id, core.token);
  }

  private onSliceEnd(thread: SimThread): void {
    this.charge(thread);
    const work = thread.work!;
    if (work.remainingUs > 0 && this.gil.onRunLimit(thread)) return;
    if (work.remainingUs === 0) {
      thread.work = null;
      this.executor.workDone(thread, work);
    }
    if (this.params.policy === 'rr' && this.nowUs >= thread.quantumEndUs) {
      this.gil.onPreempt(thread);
      if (this.runQueue.size > 0) {
        this.freeCore(thread);
        return this.wake(thread);
      }
      thread.quantumEndUs = this.nowUs + this.params.quantumUs;
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
