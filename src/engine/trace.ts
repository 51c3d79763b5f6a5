import { disturbanceOf } from './disturbance.js';
import { withFields } from './with-fields.js';

/**
 * The Trace model shared by the emulator, the real engine, the UI and the exporters: plain data,
 * with no knowledge of how a run was made. It imports only the verdict on disturbed runs (a pure
 * function of these types); the names of strategies and the shape of each source's setup record
 * are bound by the engine (`runs.ts`), where the registries that own them live. Every quantity
 * of time is an integer number of microseconds from the run's start.
 */

/** What a lane (task) is doing during a span. */
export type SpanState = 'running' | 'ready' | 'gil-wait' | 'io' | 'spawn' | 'done' | 'failed';

/** All span states, in legend order. */
export const SPAN_STATES: readonly SpanState[] = ['running', 'ready', 'gil-wait', 'io', 'spawn', 'done', 'failed'];

/** Terminal states are zero-length markers at the moment a task finished or failed. */
export const TERMINAL_STATES: ReadonlySet<SpanState> = new Set<SpanState>(['done', 'failed']);

/** One task: a thread, a process, a coroutine or a pooled job. */
export interface Lane {
  /** Index of the lane in its run; spans refer to it. */
  id: number;
  /** The task's name, as the user wrote it or the scenario named it. */
  name: string;
  /** The thread, process or event loop that executed it (e.g. `T1`, `P2`, `loop`). */
  group: string;
  /** When the task became ready to start. */
  arrivalUs: number;
}

/** A period during which one lane was in one state. */
export interface Span {
  lane: number;
  state: SpanState;
  startUs: number;
  endUs: number;
  /** The core the lane ran on (only for `running` and `spawn`). */
  core?: number;
}

/** A point event on the timeline, drawn as a tick (e.g. a GIL hand-off). */
export interface Instant {
  kind: 'gil-handoff';
  atUs: number;
  /** The lane that received the GIL, or -1 when the new holder had no task (an idle pool thread). */
  lane: number;
}

/** Per-task metrics, OSTEP's definitions. */
export interface TaskMetrics {
  name: string;
  arrivalUs: number;
  /** First time the task ran − arrival. */
  responseUs: number;
  /** Finish − arrival. */
  turnaroundUs: number;
  /** Time spent `ready` or in `gil-wait` between arrival and finish. */
  waitUs: number;
  /** Time spent `running`. */
  cpuUs: number;
  finishUs: number;
  /** Why the task failed, when it did. */
  error?: string;
}

/** Where a run came from. */
export type RunSource = 'emulated' | 'real';

/** What every run has, whatever its source. */
export interface RunFigures {
  /** Makespan: the last task's finish. */
  elapsedUs: number;
  /** Time the cores spent on task work (`running` + `spawn`) ÷ (cores × elapsed). */
  cpuUtilization: number;
  /** Times a core was handed to a thread (each pays the context-switch cost). */
  contextSwitches: number;
  /** Times the GIL changed holder. */
  gilHandoffs: number;
  /** Sequential elapsed ÷ this elapsed, when a sequential run of the same workload is in the trace. */
  speedupVsSequential: number | null;
  cores: number;
  tasks: TaskMetrics[];
  lanes: Lane[];
  spans: Span[];
  instants: Instant[];
}

/** A run of a strategy of `Strategy` made with `Setup`, by the emulator. */
export interface EmulatedRunOf<Strategy extends string, Setup> extends RunFigures {
  source: 'emulated';
  strategy: Strategy;
  /** What the run was made with: the emulator's parameters that shaped it. */
  setup: Setup;
}

/** A real strategy run several times (`--repeat N`): each run's elapsed and start, and their spread. */
export interface RunRepeats {
  /** Elapsed of each run that finished every task, in the order they ran. */
  samplesUs: number[];
  /** When each of those runs started, from the session's start: the order they ran in (A B C A B C). */
  startsUs: number[];
  /** The middle sample (the lower middle of an even count), so that it is a run that happened: the one shown. */
  medianUs: number;
  minUs: number;
  maxUs: number;
}

/** A run of a strategy of `Strategy` made with `Setup`, on this machine. */
export interface RealRunOf<Strategy extends string, Setup> extends RunFigures {
  source: 'real';
  strategy: Strategy;
  /** What the run was made with: cores, the real lock, executors, runtime. */
  setup: Setup;
  /** CPU other programs took while its threads were ready for it (crowding.ts), in µs; absent where /proc cannot be read. */
  crowdedUs?: number;
  /** CPU steal this machine saw while the run ran (/proc/stat), in µs; absent where it cannot be read. */
  stealUs?: number;
  /** Present (true) only on a snapshot of a run that has not ended: its figures are not results yet. */
  inProgress?: true;
  /** Set with the speed-ups: its figures were disturbed from outside (disturbance.ts), and why. */
  disturbed?: boolean;
  disturbedReason?: string | null;
  /** With `--repeat N` (N > 1): every sample; the run's own figures are the median run's. */
  repeats?: RunRepeats;
}

/** Any run, whatever its strategy names and setup: what the helpers below accept. */
export type AnyRun = EmulatedRunOf<string, unknown> | RealRunOf<string, unknown>;

/** A set of runs of the same workload: what every view and exporter draws. */
export interface TraceOf<R extends AnyRun, EmulatorSettings> {
  /** The scenario or task list the runs share. */
  workload: string;
  /** The emulator's parameters, when the trace holds emulated runs. */
  emulator?: EmulatorSettings;
  runs: R[];
  /** Remarks for the reader (e.g. why a published figure is impossible). */
  notes: string[];
  /** The slice of the runs the spans cover (an export of a zoomed dashboard: spans cut at its edges); absent: the whole runs. */
  window?: { startUs: number; endUs: number };
}

/** True unless the run is a snapshot of one still going (`inProgress`). */
export function hasEnded(run: AnyRun): boolean {
  return run.source === 'emulated' || run.inProgress !== true;
}

/**
 * True when the run ended and every task of it finished: only such runs have an elapsed time
 * worth comparing (a run in progress has not finished its tasks yet).
 */
export function isComplete(run: AnyRun): boolean {
  return hasEnded(run) && run.tasks.every((task) => task.error === undefined);
}

/**
 * Fills in speedupVsSequential for every run that has a sequential sibling of the same source,
 * and, on real runs, whether their figures were disturbed (disturbance.ts). A run cut short by a
 * failure or still in progress has no speed-up, and gives none: its elapsed time is not the
 * workload's.
 */
export function withSpeedups<R extends AnyRun>(runs: R[]): R[] {
  const withRatios = runs.map((run) => {
    const sequential = runs.find((r) => r.source === run.source && r.strategy === 'sequential');
    const comparable = sequential !== undefined && isComplete(sequential) && isComplete(run) && run.elapsedUs > 0;
    // A copy that keeps an emulated run's spans in columns (a spread would build them).
    return withFields<R>(run, { speedupVsSequential: comparable ? sequential.elapsedUs / run.elapsedUs : null } as Partial<R>);
  });
  return withRatios.map((run) => {
    if (run.source !== 'real') return run;
    const sequential = withRatios.find((r) => r.source === 'real' && r.strategy === 'sequential');
    return { ...run, ...disturbanceOf(run, sequential) };
  });
}
