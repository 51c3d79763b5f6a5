import { formatDuration } from './duration.js';
import type { EmulatorParams } from './emulator/params.js';
import { gilModel } from './registry/gil-models.js';
import { strategyOf } from './registry/strategies.js';
import { sharesRealLock } from './real/real-setup.js';
import { isPythonRun, type RealRun } from './runs.js';
import type { RealRuntimeName } from './runtimes.js';
import { twinOf } from './twins.js';

/** What the dashboard asks real runs to be now: the emulator's parameters and the runtime chosen. */
export interface RealQuestion {
  params: Pick<EmulatorParams, 'cores' | 'gil' | 'switchIntervalUs' | 'checkInterval' | 'workers'>;
  runtime: RealRuntimeName;
}

/**
 * How a real run's setup record differs from what the parameters ask now, in words
 * (`GIL none→new`, `cores 2→1`), empty when the run still answers the question. Only the fields
 * that shape that run count: the real lock and its interval only where executors share it, a
 * pool's size only for a pool. Cores count only for a run that was limited to some
 * (`coresAsked`): an unlimited run had the whole machine, which no key changes.
 */
export function staleness(run: RealRun, now: RealQuestion): string[] {
  const { params } = now;
  const changes: string[] = [];
  const change = (what: string, before: string | number, after: string | number) => {
    if (before !== after) changes.push(`${what} ${before}→${after}`);
  };
  change('runtime', run.setup.runtime, now.runtime);
  if (run.setup.coresAsked !== null) change('cores', run.setup.coresAsked, params.cores);
  if (strategyOf(twinOf(run)).pooled) {
    // A pool sized by --threads/--procs records the twin's size it overrode (`twinWorkers`): only
    // a change of that, not the override, makes the run stale.
    const poolSize = isPythonRun(run) ? run.setup.workers : (run.setup.twinWorkers ?? run.setup.threads ?? run.setup.procs);
    if (poolSize !== undefined) change('workers', poolSize, params.workers);
  }
  if (isPythonRun(run)) {
    // The interpreter has its own GIL, which no key changes; what the dashboard hands it does.
    if (run.setup.switchIntervalUs !== undefined)
      change('switch interval', formatDuration(run.setup.switchIntervalUs), formatDuration(params.switchIntervalUs));
    if (run.setup.checkInterval !== undefined) change('check interval', run.setup.checkInterval, params.checkInterval);
    return changes;
  }
  const gilNow = gilModel(params.gil).realTwin;
  if (run.setup.gil !== gilNow && (sharesRealLock(run.strategy, run.setup.gil) || sharesRealLock(run.strategy, gilNow))) {
    // In the emulator's words (`old` has the new GIL's lock as its real twin).
    change('GIL', run.setup.gil, params.gil);
  } else if (run.setup.gilLock && run.setup.switchIntervalUs !== undefined) {
    change('switch interval', formatDuration(run.setup.switchIntervalUs), formatDuration(params.switchIntervalUs));
  }
  return changes;
}
