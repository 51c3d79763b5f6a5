import { formatElapsed } from './duration.js';
import type { RealRun } from './runs.js';
import { isComplete, type RunRepeats } from './trace.js';

/** One run of a strategy within a session, and when it started (µs from the session's start). */
export interface Sample<R extends RealRun = RealRun> {
  run: R;
  startUs: number;
}

/**
 * The run that stands for a strategy run several times: the median run (its Gantt and figures),
 * with every sample's elapsed beside it. A sample with a failed task is shown instead when there
 * is one, so a failure is never hidden behind its siblings; the spread counts finished samples only.
 */
export function representativeRun<R extends RealRun>(samples: readonly Sample<R>[]): R {
  const finished = samples.filter((sample) => isComplete(sample.run));
  const failed = samples.find((sample) => !isComplete(sample.run));
  const byElapsed = [...finished].sort((a, b) => a.run.elapsedUs - b.run.elapsedUs);
  const median = byElapsed[Math.floor((byElapsed.length - 1) / 2)];
  const shown = failed ?? median ?? samples.at(-1);
  if (shown === undefined) throw new Error('representativeRun: no samples');
  if (median === undefined) return shown.run;
  const repeats: RunRepeats = {
    samplesUs: finished.map((sample) => sample.run.elapsedUs),
    startsUs: finished.map((sample) => sample.startUs),
    medianUs: median.run.elapsedUs,
    minUs: byElapsed[0]!.run.elapsedUs,
    maxUs: byElapsed.at(-1)!.run.elapsedUs,
  };
  return { ...shown.run, repeats };
}

/** The spread of the samples around the median, as the dashboard's narrow cell shows it: `±4%`. */
export function formatSpread(repeats: RunRepeats): string {
  const widest = Math.max(repeats.medianUs - repeats.minUs, repeats.maxUs - repeats.medianUs);
  return `±${repeats.medianUs > 0 ? Math.round((100 * widest) / repeats.medianUs) : 0}%`;
}

/** The samples' range, where width allows: `(1.190s–1.300s)`. */
export function formatRange(repeats: RunRepeats): string {
  return `(${formatElapsed(repeats.minUs)}–${formatElapsed(repeats.maxUs)})`;
}
