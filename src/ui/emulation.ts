import {
  EventBudgetError,
  UsageError,
  checkEventBudget,
  describeRefusal,
  emulateRun,
  estimateWakeups,
  presentAs,
  runIdentity,
  traceOf,
  type EmulatedStrategy,
  type EmulationInput,
  type EmulatorParams,
  type Trace,
} from '../engine/index.js';
import type { BackgroundEmulator, RunRequest } from './emulation-child.js';
import { KEY_WORDS } from './refusal-words.js';
import { RunCache } from './run-cache.js';

/** What the dashboard needs to know about a scenario: its tasks (its machine is a layer of the model's parameters). */
export type SetupFor = (scenario: string) => { input: EmulationInput };

/** Whether the picture is of the current parameters or still being emulated off the input path. */
export type EmulationState = 'done' | 'simulating' | 're-simulating';

/** What the dashboard draws: the emulation, or the last one that worked and why the new one is not there (yet). */
export interface Emulation {
  trace: Trace;
  /** Why the current parameters could not be emulated (shown in the caption line). */
  refusal: string | null;
  /** `simulating` (no earlier picture to show) or `re-simulating` (the previous picture) while another thread emulates. */
  state: EmulationState;
  /** While `simulating`: the strategies whose runs are still to come from the other thread (not in `trace`); else empty. */
  pending: readonly EmulatedStrategy[];
}

/**
 * Emulations this many wake-ups (the event budget's estimate, summed over the runs to emulate)
 * or fewer run on the input path: measured at ≈ 1 µs a wake-up for CPU-bound work (less for
 * I/O), they cost a key at most ≈ 1.5 ms. Anything bigger goes to another thread.
 */
export const INLINE_WAKEUPS = 1_500;

/** Where runs come from: the dashboard's thread, and another one for big emulations (the live dashboard). */
export interface EmulatorOptions {
  offThread?: BackgroundEmulator | null;
  /** See INLINE_WAKEUPS. */
  inlineWakeups?: number;
  /** Emulates one run on this thread (the engine's; a test counts calls). */
  emulateHere?: typeof emulateRun;
}

/**
 * Emulates for the dashboard, run by run: a run is emulated only when what it depends on
 * changed (`runIdentity`: a GIL key leaves sequential, processes and async alone; threads and a
 * pool as wide as its tasks are one emulation). Small emulations run here; big ones on another
 * thread, cancelled by the next request that needs something else, while the previous picture
 * stays up marked `re-simulating`. A key can ask for more than the emulator accepts (a 50 µs slice
 * on a long `--tasks` list): the picture then stays as it was, and the caption says why.
 */
export class DashboardEmulator {
  private readonly inputs = new Map<string, EmulationInput>();
  private readonly runs = new RunCache();
  /** The job on the other thread: the runs it emulates (by key), and its cancel. */
  private inFlight: { keys: ReadonlySet<string>; cancel: () => void } | null = null;
  /** Why runs failed on the other thread (out of memory): the same run would fail again. */
  private readonly failures = new Map<string, string>();
  private landed = 0;
  private readonly listeners = new Set<() => void>();
  private readonly offThread: BackgroundEmulator | null;
  private readonly inlineWakeups: number;
  private readonly emulateHere: typeof emulateRun;

  constructor(
    private readonly setupFor: SetupFor,
    options: EmulatorOptions = {},
  ) {
    this.offThread = options.offThread ?? null;
    this.inlineWakeups = options.inlineWakeups ?? INLINE_WAKEUPS;
    this.emulateHere = options.emulateHere ?? emulateRun;
  }

  /** Changes whenever runs emulated on another thread arrive (or fail): a picture made before may be out of date. */
  get version(): number {
    return this.landed;
  }

  /** Calls `listener` whenever `version` changes; returns the unsubscribe. */
  onLanded(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emulate(scenario: string, strategies: readonly EmulatedStrategy[], params: EmulatorParams, previous: Trace | null): Emulation {
    const input = this.inputOf(scenario);
    try {
      checkEventBudget(input.tasks, params, strategies);
    } catch (error) {
      this.cancel();
      return keep(input, previous, refusalOf(error));
    }
    const wanted = strategies.map((strategy) => ({ strategy, identity: runIdentity(input.tasks, strategy, params) }));
    const keyOf = (identity: (typeof wanted)[number]['identity']) => `${scenario}\n${identity.key}`;
    const missing = new Map<string, RunRequest>();
    for (const { identity } of wanted) {
      const key = keyOf(identity);
      if (!this.runs.has(key)) missing.set(key, { key, strategy: identity.emulated, params });
    }
    if (missing.size > 0) {
      const failure = [...missing.keys()].map((key) => this.failures.get(key)).find((message) => message !== undefined);
      if (failure !== undefined) return keep(input, previous, `Not emulated: ${failure}`);
      const wakeups = [...missing.values()].reduce((sum, run) => sum + estimateWakeups(input.tasks, params, run.strategy), 0);
      if (this.offThread === null || wakeups <= this.inlineWakeups) {
        this.cancel();
        for (const run of missing.values()) this.runs.set(run.key, this.emulateHere(input.tasks, run.strategy, params).run);
      } else {
        if (!this.isComing(missing)) this.startOffThread(input, [...missing.values()], previous === null);
        if (previous !== null) return { trace: previous, refusal: null, state: 're-simulating', pending: [] };
        // No picture yet: the runs already here are drawn, the rest named as still to come.
        const ready = wanted.filter(({ identity }) => !missing.has(keyOf(identity)));
        const pending = wanted.filter((run) => !ready.includes(run)).map(({ strategy }) => strategy);
        const runs = ready.map(({ strategy, identity }) => presentAs(this.runs.use(keyOf(identity)), input.tasks, strategy, params));
        return { trace: runs.length === 0 ? emptyTrace(input) : traceOf(input, params, runs), refusal: null, state: 'simulating', pending };
      }
    } else {
      this.cancel();
    }
    const runs = wanted.map(({ strategy, identity }) => presentAs(this.runs.use(keyOf(identity)), input.tasks, strategy, params));
    this.runs.trim(wanted.map(({ identity }) => keyOf(identity)));
    return { trace: traceOf(input, params, runs), refusal: null, state: 'done', pending: [] };
  }

  /** Stops the emulation in progress on another thread, if any, and that thread. */
  dispose(): void {
    this.cancel();
    this.offThread?.dispose();
  }

  private inputOf(scenario: string): EmulationInput {
    let input = this.inputs.get(scenario);
    if (input === undefined) {
      input = this.setupFor(scenario).input;
      this.inputs.set(scenario, input);
    }
    return input;
  }

  /** Whether the job in flight is emulating exactly these runs (it may have sent others already). */
  private isComing(missing: ReadonlyMap<string, RunRequest>): boolean {
    if (this.inFlight === null) return false;
    const coming = [...this.inFlight.keys].filter((key) => !this.runs.has(key));
    return coming.length === missing.size && coming.every((key) => missing.has(key));
  }

  private cancel(): void {
    this.inFlight?.cancel();
    this.inFlight = null;
  }

  /**
   * Emulates `runs` on the other thread. @param eachRun for a first picture (none to keep on
   * screen): the runs go cheapest first (by the event budget's estimate) and each one lands as it
   * arrives, so the picture of count waits for sequential, processes and async, not for threads
   * (issue 15). Otherwise they land together: a picture never mixes old and new settings.
   */
  private startOffThread(input: EmulationInput, runs: RunRequest[], eachRun: boolean): void {
    this.cancel();
    const notify = () => {
      this.landed++;
      for (const listener of this.listeners) listener();
    };
    const land = () => {
      this.inFlight = null;
      notify();
    };
    const ordered = eachRun ? cheapestFirst(input, runs) : runs;
    const cancel = this.offThread!.start(input.tasks, ordered, {
      onRun: (key, run) => {
        this.runs.set(key, run);
        if (eachRun) notify();
      },
      onDone: land,
      onFailed: (message) => {
        for (const run of runs) if (!this.runs.has(run.key)) this.failures.set(run.key, message);
        land();
      },
    });
    this.inFlight = { keys: new Set(runs.map((run) => run.key)), cancel };
  }
}

function keep(input: EmulationInput, previous: Trace | null, refusal: string): Emulation {
  return { trace: previous ?? emptyTrace(input), refusal, state: 'done', pending: [] };
}

/** The runs in the order of their estimated wake-ups, fewest first (a stable sort: ties keep the table's order). */
function cheapestFirst(input: EmulationInput, runs: readonly RunRequest[]): RunRequest[] {
  const wakeups = new Map(runs.map((run) => [run.key, estimateWakeups(input.tasks, run.params, run.strategy)]));
  return [...runs].sort((a, b) => wakeups.get(a.key)! - wakeups.get(b.key)!);
}

function emptyTrace(input: EmulationInput): Trace {
  return { workload: input.workload, runs: [], notes: [] };
}

/** A refusal in the dashboard's words (keys, not flags); anything but bad input is a bug, passed on. */
function refusalOf(error: unknown): string {
  if (!(error instanceof UsageError)) throw error;
  const why = error instanceof EventBudgetError ? describeRefusal(error.refusal, KEY_WORDS) : error.message;
  return `Not emulated: ${why}`;
}
