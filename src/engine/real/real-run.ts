import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { startDbServer, type DbAddress, type DbServer } from '../../workloads/db-server.js';
import { metricsFromSpans, utilization } from '../metrics.js';
import { realBusyUs } from './real-busy.js';
import type { Lane, Run } from '../trace.js';
import { epochUs, sinceUs } from './clock.js';
import { GilLock, createGilBuffer } from './gil-lock.js';
import type { RealTask, TaskEvent, TaskOutcome } from './protocol.js';
import { RunRecorder } from './run-recorder.js';
import { loadWorkerPool, runAsync, runSequential, runWorkers } from './strategies/pooled.js';
import { runProcesses } from './strategies/process.js';
import type { RealStrategy, StrategyContext, StrategyRunner } from './strategy-context.js';

/** What to run for real. */
export interface RealRunSpec {
  tasks: readonly RealTask[];
  strategy: RealStrategy;
  /** Worker threads of `worker`. */
  threads: number;
  /** Child processes of `process`. */
  procs: number;
  /** `new`: `worker` threads share a CPython-like GIL. */
  gil: 'none' | 'new';
  switchIntervalUs: number;
  /** Ends the run after this long: unfinished lanes fail with "timed out". */
  timeoutUs?: number | undefined;
}

/** A run in progress: draw `snapshot()` as often as you like; `done` resolves with the final Run. */
export interface RealRunHandle {
  snapshot(): Run;
  done: Promise<Run>;
  /** Stops every worker and child; unfinished lanes fail with `reason`. Resolves when all are gone. */
  cancel(reason?: string): Promise<void>;
}

/**
 * Each strategy, and what it loads before the run's clock starts: a cost paid once per process
 * (piscina's import, ~40 ms) would otherwise count against whichever strategy ran first.
 */
const RUNNERS: Record<RealStrategy, { run: StrategyRunner; prepare?: () => Promise<unknown> }> = {
  sequential: { run: runSequential, prepare: loadWorkerPool },
  async: { run: runAsync, prepare: loadWorkerPool },
  worker: { run: runWorkers, prepare: loadWorkerPool },
  process: { run: runProcesses },
};

/** How often the kernel's accounting of the run's threads is read: about one scheduler tick. */
const SAMPLE_EVERY_MS = 4;

/** Starts a real run of `spec` on this machine. */
export function startRealRun(spec: RealRunSpec): RealRunHandle {
  // Time 0 is when the work starts, after the preparations (module loading, the db server);
  // until then the run is empty at time 0.
  let originUs = epochUs();
  const nowUs = () => Math.max(0, sinceUs(originUs));
  const cores = availableParallelism();
  const groupFor: Record<RealStrategy, string> = { sequential: 'worker', async: 'loop', worker: 'pool', process: 'process' };
  const lanes: Lane[] = spec.tasks.map((task, id) => ({ id, name: task.name, group: groupFor[spec.strategy], arrivalUs: task.arrivalUs }));
  const recorder = new RunRecorder(lanes, nowUs);
  const submittedUs = lanes.map(() => 0);
  const aborter = new AbortController();
  // Every queued task listens for cancellation: hundreds of listeners are expected, not a leak.
  setMaxListeners(0, aborter.signal);
  const gilBuffer = spec.gil === 'new' && spec.strategy === 'worker' ? createGilBuffer() : null;
  let server: DbServer | null = null;
  let finalRun: Run | null = null;

  const snapshot = (): Run => finalRun ?? buildRun(spec.strategy, lanes, recorder, cores, nowUs());
  const fail = (lane: number, reason: string) => recorder.finish(lane, 'failed', nowUs(), reason);

  const context = (db: DbAddress | null): StrategyContext => ({
    tasks: spec.tasks,
    executor: { originUs, db, gil: gilBuffer ? { buffer: gilBuffer, switchIntervalUs: spec.switchIntervalUs } : null },
    threads: spec.threads,
    procs: spec.procs,
    lock: gilBuffer ? new GilLock(gilBuffer, spec.switchIntervalUs) : null,
    signal: aborter.signal,
    nowUs,
    arrival: (task) => waitUntil(task.arrivalUs, nowUs, aborter.signal),
    submitted: (lane, atUs = nowUs()) => {
      submittedUs[lane] = atUs;
      recorder.mark(lane, 'ready', atUs);
    },
    group: (lane, name) => (lanes[lane]!.group = name),
    event: (event: TaskEvent) => {
      if (event.type === 'hello') {
        recorder.thread(event.lane, event.pid, event.tid);
        // The executor was still starting when the task was handed over: that wait is start-up.
        if (event.firstTask && event.executorReadyUs > submittedUs[event.lane]!) {
          recorder.mark(event.lane, 'spawn', submittedUs[event.lane]!);
          recorder.mark(event.lane, 'ready', event.executorReadyUs);
        }
        if (spec.strategy === 'worker' && event.tid !== null) lanes[event.lane]!.group = `T${event.tid}`;
      } else if (event.type === 'state') recorder.mark(event.lane, event.state, event.atUs);
      else if (event.type === 'gil') recorder.gil(event.lane, event.atUs);
      else recorder.progress(event.lane, event.atUs);
    },
    outcome: (outcome: TaskOutcome) => {
      if (outcome.ok) recorder.finish(outcome.lane, 'done', outcome.atUs);
      else recorder.finish(outcome.lane, 'failed', outcome.atUs, outcome.error);
    },
    fail,
    isFinished: (lane) => recorder.isFinished(lane),
  });

  const sampler = setInterval(() => recorder.sample(), SAMPLE_EVERY_MS);
  sampler.unref();
  let timeout: NodeJS.Timeout | null = null;

  const done = (async () => {
    const runner = RUNNERS[spec.strategy];
    try {
      await runner.prepare?.();
      const queries = spec.tasks.flatMap((task) => task.calls.filter((call) => call.workload === 'query'));
      if (queries.length > 0) server = await startDbServer({ longestQueryMs: Math.max(...queries.map((call) => call.argument)), clients: spec.tasks.length });
      originUs = epochUs();
      if (spec.timeoutUs !== undefined) timeout = setTimeout(() => aborter.abort(`timed out after ${spec.timeoutUs! / 1_000} ms`), spec.timeoutUs / 1_000);
      if (!aborter.signal.aborted) await runner.run(context(server?.address ?? null));
    } finally {
      clearInterval(sampler);
      if (timeout) clearTimeout(timeout);
      await server?.close();
      const reason = aborter.signal.aborted ? String(aborter.signal.reason) : 'the strategy ended without running it';
      lanes.forEach((lane) => recorder.isFinished(lane.id) || fail(lane.id, reason));
      finalRun = buildRun(spec.strategy, lanes, recorder, cores, nowUs());
      recorder.close();
    }
    return finalRun;
  })();

  return {
    snapshot,
    done,
    cancel: async (reason = 'cancelled') => {
      if (!aborter.signal.aborted) aborter.abort(reason);
      await done.catch(() => undefined);
    },
  };
}

function waitUntil(atUs: number, nowUs: () => number, signal: AbortSignal): Promise<void> {
  const waitMs = (atUs - nowUs()) / 1_000;
  if (waitMs <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, waitMs);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The Run so far (or final): spans from the recorder, metrics from the spans. */
function buildRun(strategy: RealStrategy, lanes: readonly Lane[], recorder: RunRecorder, cores: number, nowUs: number): Run {
  const recorded = recorder.snapshot(nowUs);
  const metrics = metricsFromSpans(lanes, recorded.spans);
  return {
    source: 'real',
    strategy,
    elapsedUs: metrics.elapsedUs,
    cpuUtilization: Math.min(1, utilization(realBusyUs(recorded.spans), cores, metrics.elapsedUs)),
    contextSwitches: recorded.contextSwitches,
    gilHandoffs: recorded.gilHandoffs,
    speedupVsSequential: null,
    cores,
    tasks: metrics.tasks.map((task, lane) => (recorded.errors.has(lane) ? { ...task, error: recorded.errors.get(lane)! } : task)),
    lanes: lanes.map((lane) => ({ ...lane })),
    spans: recorded.spans,
    instants: recorded.instants,
  };
}
