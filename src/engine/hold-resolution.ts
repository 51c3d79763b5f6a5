import { formatDuration } from './duration.js';
import { SAMPLE_PERIOD_US } from './python/sample-period.js';
import { isPythonRun, type Run } from './runs.js';

/**
 * A real Python run's GIL hand-offs are the changes of holder its sampler sees, so each end of a
 * hold period is read to about one sample. That is good enough at a 5 ms switch interval
 * (CPython's holds read 5.06 ms against 5.15 ms emulated) but not for holds of a sample or two:
 * at 1 ms CPython's 1.06 ms holds (exact, by verify's probe inside the interpreter) read as
 * 1.7 ms, and the hand-offs a second counted from the same changes miss every hand-off made
 * between two samples (two threads at 1 ms read 119 a second, where 1.06 ms holds make ~940).
 * A median hold shorter than this many sampling periods is shown as approximate (`~`), with the
 * hand-offs a second. Emulated runs and real Node runs know their hand-offs exactly (the lock
 * records them).
 */
const SAMPLES_FOR_A_READING = 3;

/** The mark before a figure read at the sampler's resolution. */
export const APPROXIMATE = '~';

/** The sampler's period when `run`'s hand-offs were read by one (a real Python run); null when they are exact. */
export function handoffResolutionUs(run: Run): number | null {
  return isPythonRun(run) ? SAMPLE_PERIOD_US : null;
}

/** Whether `run`'s median hold (and so its hand-offs a second) is below what its sampler resolves. */
export function gilFiguresApproximate(run: Run, medianHoldUs: number | null): boolean {
  const resolutionUs = handoffResolutionUs(run);
  return resolutionUs !== null && medianHoldUs !== null && medianHoldUs < SAMPLES_FOR_A_READING * resolutionUs;
}

/** Why a figure is marked, in a few words (the lane inspector's). */
export const APPROXIMATE_WORDS = `±${formatDuration(SAMPLE_PERIOD_US)}: sampled`;

/** What `~` means, for the line under a table that shows one. */
export const APPROXIMATE_NOTE = `${APPROXIMATE} real hold under ${formatDuration(SAMPLES_FOR_A_READING * SAMPLE_PERIOD_US)}: read by the ${formatDuration(SAMPLE_PERIOD_US)} sampler (± a sample; hand-offs inside one are missed)`;
