import { isEmulated, isPythonRun, strategyOf, type EmulatedRun, type EmulatedStrategy, type Lane, type Run, type Span } from '../../engine/index.js';

/**
 * Where the GIL is worth a word: tasks compete for it only when CPU phases run in two or more
 * threads of one process that holds a GIL. A caption names the GIL only then, so 20 sleeps or
 * two database fetches are never "under the GIL", whatever the GIL setting. (Module-level
 * comment: the functions below measure it from an emulated run's spans.)
 */

/** True when the strategy runs its tasks on threads of one process (the only place a GIL is shared). */
function onThreads(strategy: EmulatedStrategy): boolean {
  return strategyOf(strategy).runsOn === 'threads';
}

/**
 * A caption is drawn every frame; a run's spans never change, so they are read once per spans and
 * lanes: a key that changes only a run's setup record presents the same emulation as a new run
 * object with the same spans and lanes (presentAs), and its times are those it had.
 */
const timeCache = new WeakMap<readonly Span[], { lanes: readonly Lane[]; times: Times }>();

interface Times {
  runningUs: Map<string, number>;
  gilWaitUs: number[];
}

/** Running time per thread (a lane's group is the thread it runs on) and GIL wait per lane. */
function timesOf(run: EmulatedRun): Times {
  const known = timeCache.get(run.spans);
  if (known?.lanes === run.lanes) return known.times;
  const runningUs = new Map<string, number>();
  const gilWaitUs = new Array<number>(run.lanes.length).fill(0);
  for (const span of run.spans) {
    const us = span.endUs - span.startUs;
    if (span.state === 'running') runningUs.set(run.lanes[span.lane]!.group, (runningUs.get(run.lanes[span.lane]!.group) ?? 0) + us);
    else if (span.state === 'gil-wait') gilWaitUs[span.lane]! += us;
  }
  const times = { runningUs, gilWaitUs };
  timeCache.set(run.spans, { lanes: run.lanes, times });
  return times;
}

/** A share of a run's elapsed time below which CPU or waiting is a detail (a query's request, a hand-off). */
const MATERIAL = { cpu: 0.1, gilWait: 0.01 };

/**
 * CPU work in two or more threads of one process, each computing for at least a tenth of the
 * run. Read from an emulated run: its running spans are exactly its tasks' CPU phases.
 */
export function cpuInThreads(run: EmulatedRun): boolean {
  if (!onThreads(run.strategy)) return false;
  const computing = [...timesOf(run).runningUs.values()].filter((us) => us >= MATERIAL.cpu * run.elapsedUs);
  return computing.length >= 2;
}

/** Whether the run's threads share a GIL: an emulated run's by its setup, a Python's by its interpreter, Node's by the real lock. */
export function sharesGil(run: Run): boolean {
  if (isEmulated(run)) return run.setup.gil !== undefined && run.setup.gil !== 'none' && onThreads(run.strategy);
  if (isPythonRun(run)) return run.setup.gil && onThreads(run.strategy);
  return run.setup.gilLock;
}

/**
 * Tasks compete for a GIL: the run shares one and, in `workload` (the emulated run of the same
 * strategy, which shows the tasks' phases exactly), CPU phases in two threads made one wait for
 * it a material time (1 % of the run: the convoy's I/O thread computes little but waits much).
 */
export function competesForGil(run: Run, workload: EmulatedRun | undefined): boolean {
  if (workload === undefined || !sharesGil(run) || !sharesGil(workload)) return false;
  return timesOf(workload).gilWaitUs.some((us) => us >= MATERIAL.gilWait * workload.elapsedUs);
}
