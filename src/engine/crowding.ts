/**
 * Time other programs took from a real run: the CPU its threads were ready for (runnable, in a
 * run queue) while the run itself left a core unused. The kernel counts, per thread, time on a
 * CPU and time waiting in a run queue (`schedstat` fields 1 and 2); the samplers read both.
 *
 * A run's threads can wait for each other: 4 CPU-bound threads on 2 cores spend half their time
 * queued, and so do 2 threads on 1 core. That wait is the strategy's own and must not count. So
 * in each stretch between samples, of length L on `cores` cores, the run's threads could have
 * used at most `cores × L`; what they did not use (`cores × L − running`) went to someone else,
 * and only the part of it they were queued for (`ready`) was taken from them:
 *
 *     crowded = min(ready, max(0, cores × L − running))
 *
 * With no more runnable threads than cores that is all their queue time (each could have had a
 * core); with every core busy with the run's own threads it is none. The tool's own threads that
 * run beside it (the sampler that reads these counters, the thread that takes the run's messages)
 * count as the run's: the CPU they use is not another program's. So does a thread or process
 * still starting (a `spawn` span), before the sampler knows it: it is taken to use a whole core.
 * Pure: counters in, µs out.
 */

/**
 * Whether a real Python run is judged for it. Quiet, two kinds of run read CPU as taken that no
 * other program took, so every such run would be flagged:
 * - four processes on 2 cores: 6–12 % of their core time (the engine's whole process counted as
 *   the tool's), not yet explained;
 * - CPython 2's threads: 16–17 % for four threads on 2 cores (verify, 2026-12-02). Its GIL battle
 *   wakes waiters tens of thousands of times a second, and each wake-up waits in a run queue while
 *   an idle core comes out of idle, which this rule cannot tell from a wait for another program.
 * Their speed-up limit and steal are still judged (disturbance.ts).
 */
export function judgesPythonRun(strategy: string, pythonMajor: number): boolean {
  return strategy !== 'processes' && strategy !== 'process-pool' && pythonMajor >= 3;
}

/** One thread's cumulative kernel counters as sampled, oldest first (SampleView and Node's samples both give it). */
export interface CounterSeries {
  readonly length: number;
  atUs(index: number): number;
  onCpuNs(index: number): number;
  runQueueNs(index: number): number;
}

/** A series over samples kept as objects (Node's sampler, procfs.ts), oldest first. */
export function countersOf(samples: readonly { atUs: number; onCpuNs: number; runQueueNs: number }[]): CounterSeries {
  return {
    length: samples.length,
    atUs: (index) => samples[index]!.atUs,
    onCpuNs: (index) => samples[index]!.onCpuNs,
    runQueueNs: (index) => samples[index]!.runQueueNs,
  };
}

/** A stretch taken as one core busy throughout (a thread or process still starting, not sampled yet). */
export function busyDuring(startUs: number, endUs: number): CounterSeries {
  return countersOf([
    { atUs: startUs, onCpuNs: 0, runQueueNs: 0 },
    { atUs: endUs, onCpuNs: (endUs - startUs) * 1_000, runQueueNs: 0 },
  ]);
}

/** A thread's figures between two samples. */
interface Stretch {
  startUs: number;
  endUs: number;
  onCpuNs: number;
  runQueueNs: number;
}

/**
 * The thread's stretches, with run-queue time placed where it was spent. The kernel credits a
 * thread's queue time only when it gets a core back, so a raw sample can carry 12 ms of waiting
 * in a 4 ms stretch while the stretches before it, when it sat in the queue, show nothing: what a
 * stretch cannot hold moves back to the one before (the wait ended in the crediting stretch and
 * ran back from there). Series already spread that way (credit-spread.ts) are left as they are.
 * Samples taken at the same µs merge into the stretch that follows.
 */
function stretchesOf(series: CounterSeries): Stretch[] {
  const stretches: Stretch[] = [];
  let from = 0;
  for (let i = 1; i < series.length; i++) {
    if (series.atUs(i) <= series.atUs(from)) continue;
    stretches.push({
      startUs: series.atUs(from),
      endUs: series.atUs(i),
      onCpuNs: Math.max(0, series.onCpuNs(i) - series.onCpuNs(from)),
      runQueueNs: Math.max(0, series.runQueueNs(i) - series.runQueueNs(from)),
    });
    from = i;
  }
  for (let k = stretches.length - 1; k >= 0; k--) {
    const stretch = stretches[k]!;
    const overflowNs = stretch.onCpuNs + stretch.runQueueNs - (stretch.endUs - stretch.startUs) * 1_000;
    if (overflowNs <= 0) continue;
    const movedNs = Math.min(overflowNs, stretch.runQueueNs);
    stretch.runQueueNs -= movedNs;
    // Before the first sample the wait is not the run's to judge: it is dropped.
    if (k > 0) stretches[k - 1]!.runQueueNs += movedNs;
  }
  return stretches;
}

/** A change of the run's rates (ns a µs, summed over threads) at one instant. */
interface RateStep {
  atUs: number;
  onCpu: number;
  runQueue: number;
}

/**
 * The µs of CPU other programs took from the run's `threads` (each thread once) on `cores` cores:
 * see the module comment. The CPU of `tool`'s threads counts as used by the run, their queue time
 * not at all. Each stretch's figures are taken as spread evenly over it.
 */
export function crowdedUs(threads: readonly CounterSeries[], cores: number, tool: readonly CounterSeries[] = []): number {
  const steps: RateStep[] = [];
  const add = (series: CounterSeries, waits: boolean) => {
    for (const stretch of stretchesOf(series)) {
      const lengthUs = stretch.endUs - stretch.startUs;
      const onCpu = stretch.onCpuNs / lengthUs;
      const runQueue = waits ? stretch.runQueueNs / lengthUs : 0;
      steps.push({ atUs: stretch.startUs, onCpu, runQueue }, { atUs: stretch.endUs, onCpu: -onCpu, runQueue: -runQueue });
    }
  };
  for (const series of threads) add(series, true);
  for (const series of tool) add(series, false);
  steps.sort((a, b) => a.atUs - b.atUs);
  let onCpu = 0;
  let runQueue = 0;
  let crowdedNs = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    onCpu += step.onCpu;
    runQueue += step.runQueue;
    const lengthUs = (steps[i + 1]?.atUs ?? step.atUs) - step.atUs;
    if (lengthUs <= 0) continue;
    const unusedNs = cores * lengthUs * 1_000 - onCpu * lengthUs;
    crowdedNs += Math.max(0, Math.min(runQueue * lengthUs, unusedNs));
  }
  return Math.round(crowdedNs / 1_000);
}

/**
 * A run's crowdedUs: its `threads`, the `tool`'s, and its spans' start-ups (`spawn`: a thread or
 * process not sampled yet) taken as the run's own CPU.
 */
export function crowdedUsOfRun(
  threads: readonly CounterSeries[],
  cores: number,
  tool: readonly CounterSeries[],
  spans: readonly { state: string; startUs: number; endUs: number }[],
): number {
  const starting = spans.filter((span) => span.state === 'spawn').map((span) => busyDuring(span.startUs, span.endUs));
  return crowdedUs(threads, cores, [...tool, ...starting]);
}
