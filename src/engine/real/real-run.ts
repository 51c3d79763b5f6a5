import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { dbLimitsOf, startDbServer, type DbAddress, type DbServer } from '../../workloads/db-server.js';
import type { RealRun } from '../runs.js';
import type { Lane } from '../trace.js';
import { epochUs, sinceUs } from './clock.js';
import { GilLock, createGilBuffer } from './gil-lock.js';
import { IdleWindow } from './machine-idle.js';
import { SchedstatSampler, currentThreadId, procfsAvailable } from './procfs.js';
import type { RealTask } from './protocol.js';
import { poolSizeOf, realSetup, sharesRealLock, type RealSetupSpec } from './real-setup.js';
import { REAL_STRATEGY_TABLE } from './real-strategies.js';
import { RunBuilder, TOOL_THREAD } from './run-builder.js';
import { CancelledError, NotRunError, SpawnFailedError, TimedOutError, abortReason } from './run-errors.js';
import { RunReporter } from './run-reporter.js';
import { startHost } from './strategies/pooled.js';
import type { StrategyContext } from './strategy-context.js';
import { startThreadPool } from './thread-pool.js';
import { TransitionLog } from './transition-log.js';
import type { WorkerPool } from './worker-pool.js';

/** What to run for real: the tasks, and how (the fields its setup record is made of). */
export interface RealRunSpec extends RealSetupSpec {
  tasks: readonly RealTask[];
}

/** A run in progress: draw `snapshot()` as often as you like; `done` resolves with the final Run. */
export interface RealRunHandle {
  snapshot(): RealRun;
  done: Promise<RealRun>;
  /** Stops every worker and child; unfinished lanes fail with `reason`. Resolves when all are gone. */
  cancel(reason?: string): Promise<void>;
}

/** How often the kernel's accounting of the run's threads is read: about one scheduler tick. */
const SAMPLE_EVERY_MS = 4;

/** Starts a real run of `spec` on this machine. */
export function startRealRun(spec: RealRunSpec): RealRunHandle {
  // Time 0 is when the strategy starts, after the host infrastructure is up (module loading, the
  // host worker of sequential and async, the db server): elapsed means what it means in the
  // emulator, the strategy's own start-up included. Until then the run is empty at time 0.
  let originUs = epochUs();
  const nowUs = () => Math.max(0, sinceUs(originUs));
  const cores = availableParallelism();
  const strategy = REAL_STRATEGY_TABLE[spec.strategy];
  const lanes: Lane[] = spec.tasks.map((task, id) => ({ id, name: task.name, group: strategy.group, arrivalUs: task.arrivalUs }));
  const log = new TransitionLog(lanes.length);
  const sampler = new SchedstatSampler();
  const toolThread = currentThreadId();
  if (toolThread !== null) sampler.track(TOOL_THREAD, process.pid, toolThread);
  const reporter = new RunReporter(strategy.executor, lanes, log, sampler, nowUs);
  const builder = new RunBuilder({ strategy: spec.strategy, setup: realSetup(spec, cores), cores }, log, sampler);
  const aborter = new AbortController();
  // Every queued task listens for cancellation: hundreds of listeners are expected, not a leak.
  setMaxListeners(0, aborter.signal);
  const gilBuffer = sharesRealLock(spec.strategy, spec.gil) ? createGilBuffer() : null;
  let server: DbServer | null = null;
  let host: WorkerPool | null = null;
  let finalRun: RealRun | null = null;

  const context = (db: DbAddress | null): StrategyContext => ({
    tasks: spec.tasks,
    executor: { originUs, db, gil: gilBuffer ? { buffer: gilBuffer, switchIntervalUs: spec.switchIntervalUs } : null },
    poolSize: poolSizeOf(spec) ?? 1,
    host,
    lock: gilBuffer ? new GilLock(gilBuffer, spec.switchIntervalUs) : null,
    signal: aborter.signal,
    nowUs,
    arrival: (task) => waitUntil(task.arrivalUs, nowUs, aborter.signal),
    report: reporter,
  });

  /** The host worker; one that cannot start (EAGAIN under a process limit) fails every lane with the reason. */
  const startHostOrFail = async (): Promise<WorkerPool | null> => {
    try {
      return await startHost();
    } catch (error) {
      const why = new SpawnFailedError(error instanceof Error ? error : new Error(String(error)), 'worker thread');
      lanes.forEach((lane) => reporter.isFinished(lane.id) || reporter.fail(lane.id, why));
      return null;
    }
  };

  const sampling = setInterval(() => reporter.sample(), SAMPLE_EVERY_MS);
  sampling.unref();
  let timeout: NodeJS.Timeout | null = null;
  const idle = new IdleWindow(); // the machine's, while the strategy ran: crowding.ts's bound

  const done = (async () => {
    try {
      await startThreadPool();
      await strategy.prepare?.();
      if (strategy.executor === 'host') host = await startHostOrFail();
      const limits = dbLimitsOf(spec.tasks);
      if (limits !== null) server = await startDbServer(limits);
      originUs = epochUs();
      if (spec.timeoutUs !== undefined) timeout = setTimeout(() => aborter.abort(new TimedOutError(spec.timeoutUs!)), spec.timeoutUs / 1_000);
      const hostMissing = strategy.executor === 'host' && host === null;
      idle.start(nowUs());
      if (!aborter.signal.aborted && !hostMissing) await strategy.run(context(server?.address ?? null));
      idle.end(nowUs());
    } finally {
      clearInterval(sampling);
      if (timeout) clearTimeout(timeout);
      await server?.close();
      await host?.destroy();
      const reason = aborter.signal.aborted ? abortReason(aborter.signal) : new NotRunError();
      lanes.forEach((lane) => reporter.isFinished(lane.id) || reporter.fail(lane.id, reason));
      const run = builder.build(lanes, nowUs());
      finalRun = procfsAvailable ? { ...run, crowdedUs: builder.crowdedUs(lanes.length, run.spans, idle.window()) } : run;
      sampler.close();
    }
    return finalRun;
  })();

  return {
    snapshot: () => finalRun ?? builder.build(lanes, nowUs()),
    done,
    cancel: async (reason = 'cancelled') => {
      if (!aborter.signal.aborted) aborter.abort(new CancelledError(reason));
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
