import { assertNever } from '../assert-never.js';
import type { Lane } from '../trace.js';
import type { SchedstatSampler } from './procfs.js';
import type { FromExecutor, TaskEvent, TaskOutcome } from './protocol.js';
import { TaskThrewError, type RealRunError } from './run-errors.js';
import { StartupInference } from './startup-inference.js';
import type { RealExecutor } from './real-strategies.js';
import type { LaneReports } from './strategy-context.js';
import type { TransitionLog } from './transition-log.js';

/**
 * Where a strategy's reports go: lane states into the transition log, threads to the /proc
 * sampler, start-up into its inference; the reporting half of a StrategyContext.
 */
export class RunReporter implements LaneReports {
  readonly #startup: StartupInference;

  constructor(
    /** Where the strategy runs its tasks: worker threads' lanes are grouped by their OS thread. */
    private readonly executor: RealExecutor,
    private readonly lanes: Lane[],
    private readonly log: TransitionLog,
    private readonly sampler: SchedstatSampler,
    private readonly nowUs: () => number,
  ) {
    this.#startup = new StartupInference(lanes.length);
  }

  submitted(lane: number, atUs = this.nowUs()): void {
    this.#startup.submitted(lane, atUs);
    this.log.mark(lane, 'ready', atUs);
  }

  group(lane: number, name: string): void {
    this.lanes[lane]!.group = name;
  }

  event(event: TaskEvent): void {
    switch (event.type) {
      case 'hello': {
        if (event.tid !== null) {
          this.sampler.track(event.lane, event.pid, event.tid);
          this.sampler.sample(this.nowUs());
        }
        const startup = this.#startup.startup(event);
        if (startup) {
          this.log.mark(event.lane, 'spawn', startup.spawnFromUs);
          this.log.mark(event.lane, 'ready', startup.readyAtUs);
        }
        if (this.executor === 'threads' && event.tid !== null) this.group(event.lane, `T${event.tid}`);
        return;
      }
      case 'state':
        return this.log.mark(event.lane, event.state, event.atUs);
      case 'gil':
        return this.log.gil(event.lane, event.atUs);
      case 'progress':
        return this.log.progress(event.lane, event.atUs);
      default:
        return assertNever(event, 'task event');
    }
  }

  message(message: FromExecutor): void {
    switch (message.kind) {
      case 'event':
        return this.event(message.event);
      case 'outcome':
        return this.outcome(message.outcome);
      default:
        return assertNever(message, 'executor message');
    }
  }

  outcome(outcome: TaskOutcome): void {
    if (outcome.ok) this.finish(outcome.lane, 'done', outcome.atUs, null);
    else this.finish(outcome.lane, 'failed', outcome.atUs, new TaskThrewError(outcome.error));
  }

  /** The lane's executor died or was stopped: the lane fails now with `error`. */
  fail(lane: number, error: RealRunError): void {
    this.finish(lane, 'failed', this.nowUs(), error);
  }

  isFinished(lane: number): boolean {
    return this.log.isFinished(lane);
  }

  /** Reads every running lane's schedstat (call every few ms while the run lasts). */
  sample(): void {
    this.sampler.sample(this.nowUs());
  }

  private finish(lane: number, state: 'done' | 'failed', atUs: number, error: RealRunError | null): void {
    if (this.log.isFinished(lane)) return;
    this.log.finish(lane, state, atUs, error);
    // A last reading closes the lane's final window; its thread may serve other lanes next.
    this.sampler.sample(this.nowUs());
    this.sampler.untrack(lane);
  }
}
