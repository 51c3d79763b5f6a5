import { Cores } from './cores.js';
import type { SchedulingPolicy } from './policies.js';
import type { RunLog } from './run-log.js';
import type { Simulator } from './simulator.js';
import type { Core, SimThread } from './sim-types.js';

/**
 * The OS scheduler: runnable threads wait in the policy's queue; free cores go to them once an
 * instant is over, each hand-over costing a context switch. What a thread does once on its core
 * is the kernel's business (`onRunning`).
 */
export class Scheduler {
  readonly cores: Cores;

  constructor(
    private readonly sim: Simulator,
    coreCount: number,
    private readonly switchCostUs: number,
    private readonly policy: SchedulingPolicy,
    private readonly log: RunLog,
    private readonly onRunning: (thread: SimThread) => void,
  ) {
    this.cores = new Cores(coreCount);
  }

  /** Runnable threads without a core. */
  get waiting(): number {
    return this.policy.size;
  }

  /** `thread` becomes runnable. */
  wake(thread: SimThread): void {
    thread.state = 'ready';
    this.policy.push(thread);
    this.log.thread(thread, this.sim.nowUs);
  }

  /** `thread` leaves its core to block (GIL, I/O), idle or exit. */
  park(thread: SimThread, state: 'gil-wait' | 'io' | 'idle' | 'exited'): void {
    thread.state = state;
    this.cores.vacate(thread);
    this.log.thread(thread, this.sim.nowUs);
  }

  /** `thread`'s turn is over and others are waiting: it leaves its core for the tail of the queue. */
  preempt(thread: SimThread): void {
    this.cores.vacate(thread);
    this.wake(thread);
  }

  /**
   * Hands free cores to runnable threads. Called once everything of an instant has happened,
   * so simultaneous arrivals compete (SJF) instead of the first one taking the core.
   */
  settle(): void {
    while (this.cores.idle > 0 && this.policy.size > 0) {
      const thread = this.policy.take();
      this.dispatch(this.cores.choose(thread), thread);
    }
  }

  /** The context switch onto the core `coreId` completed (the event is stale if `token` changed). */
  onDispatchDone(coreId: number, token: number): void {
    const core = this.cores.at(coreId);
    if (token === core.token) this.dispatched(core.thread!);
  }

  private dispatch(core: Core, thread: SimThread): void {
    this.cores.occupy(core, thread);
    // Not recorded: a thread from the run queue is `ready`, which its lane shows already, and
    // `dispatching` draws the same (a no-op call on every hand-over of a core).
    thread.state = 'dispatching';
    this.log.contextSwitches++;
    const costUs = thread.wakeCostUs >= 0 ? thread.wakeCostUs : this.switchCostUs;
    thread.wakeCostUs = -1;
    if (costUs === 0) this.dispatched(thread);
    else this.sim.schedule(this.sim.nowUs + costUs, 'dispatch-done', core.id, core.token);
  }

  private dispatched(thread: SimThread): void {
    thread.state = 'running';
    thread.lastCore = thread.core;
    this.policy.startTurn(thread, this.sim.nowUs);
    this.onRunning(thread);
  }
}
