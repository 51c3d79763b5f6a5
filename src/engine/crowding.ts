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
 * Every real run is judged so, Node's and Python's alike (threads, processes and pools; CPython
 * 2's GIL battle too): the figures are the kernel's as read, placed by one rule (stretchesOf).
 * Pure: counters in, µs out.
 */

/**
 * One thread's cumulative kernel counters as read, oldest first: the kernel's own figures at each
 * sample (Node's samples; a Python thread's `readCounters`), not figures already placed for
 * drawing a lane (see stretchesOf).
 */
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
 * The thread's stretches, each credit placed as late as it can have happened. The kernel credits
 * on-CPU time at each 4 ms tick and when the thread leaves a core, and run-queue time when it gets
 * one back, so a sample can carry 4 ms of running, or 12 ms of waiting, in a 1 ms stretch. All
 * that is known is that it happened before that sample: each stretch keeps what it can hold (its
 * length) and the rest moves back to the stretch before, the newest credits nearest to the sample
 * that revealed them (a thread does one thing at a time, so its credits did not overlap).
 *
 * Every thread is placed by the same rule, so at a hand-off on one core — the leaving thread's
 * running and the arriving one's wait, both ended at the same instant and both revealed by the
 * same sample — the two are placed alike and the core reads busy throughout. Placing on-CPU time
 * forwards from a turn's start, as lanes are drawn (credit-spread.ts), puts each end of a turn up
 * to a sample late or early, thread by thread: at every hand-off the wait and the running it
 * waited for could miss each other by a fraction of a sample, which read as a core left idle
 * while a thread queued (6–12 % of the core time of four quiet processes, switching every tick;
 * 14 % for CPython 2's threads, whose GIL battle hands over ~10^5 times a second).
 * Samples taken at the same µs merge into the stretch that follows. Before the first sample
 * nothing is the run's to judge: what does not fit after it is dropped.
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
  // Credits still to place, newest first: each stretch's own are older than those moved in from later ones.
  const pending: { onCpuNs: number; runQueueNs: number }[] = [];
  for (let k = stretches.length - 1; k >= 0; k--) {
    const stretch = stretches[k]!;
    if (stretch.onCpuNs + stretch.runQueueNs > 0) pending.push({ onCpuNs: stretch.onCpuNs, runQueueNs: stretch.runQueueNs });
    stretch.onCpuNs = 0;
    stretch.runQueueNs = 0;
    let roomNs = (stretch.endUs - stretch.startUs) * 1_000;
    while (pending.length > 0 && roomNs > 0) {
      const credit = pending[0]!;
      const totalNs = credit.onCpuNs + credit.runQueueNs;
      if (totalNs <= roomNs) {
        stretch.onCpuNs += credit.onCpuNs;
        stretch.runQueueNs += credit.runQueueNs;
        roomNs -= totalNs;
        pending.shift();
        continue;
      }
      // Which part of one credit came first is not known: the part that fits takes both in proportion.
      const share = roomNs / totalNs;
      stretch.onCpuNs += credit.onCpuNs * share;
      stretch.runQueueNs += credit.runQueueNs * share;
      credit.onCpuNs -= credit.onCpuNs * share;
      credit.runQueueNs -= credit.runQueueNs * share;
      break;
    }
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
 * What the machine's cores did over a window of the run (machine-idle.ts reads it): the time they
 * were idle, every core summed, the run's own or not.
 */
export interface MachineWindow {
  fromUs: number;
  toUs: number;
  /** Every online CPU of the machine, not only the run's. */
  cpus: number;
  idleUs: number;
}

/**
 * The µs of CPU other programs took from the run's `threads` (each thread once) on `cores` cores:
 * see the module comment. The CPU of `tool`'s threads counts as used by the run, their queue time
 * not at all. Each stretch's figures are taken as spread evenly over it.
 *
 * With `machine`, only its window is judged, and what is counted never exceeds what other
 * programs ran in it: the machine's CPU time less its idle time and the run's own CPU. A thread can
 * queue while a core sits idle — woken onto the busy core of the thread that woke it, it waits
 * there until the kernel moves it (its wake-up placement), and CPython's and PyPy's GIL hand-offs
 * wake a thread hundreds to 10^5 times a second — and the rule above would call that time taken.
 * Nobody took it: the idle time says so. (The run's own CPU the samplers do not see, a process
 * exiting, counts as other programs': the bound errs towards flagging.)
 */
export function crowdedUs(threads: readonly CounterSeries[], cores: number, tool: readonly CounterSeries[] = [], machine?: MachineWindow): number {
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
  const fromUs = machine?.fromUs ?? Number.NEGATIVE_INFINITY;
  const toUs = machine?.toUs ?? Number.POSITIVE_INFINITY;
  let onCpu = 0;
  let runQueue = 0;
  let crowdedNs = 0;
  let ownNs = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    onCpu += step.onCpu;
    runQueue += step.runQueue;
    const lengthUs = Math.min(toUs, steps[i + 1]?.atUs ?? step.atUs) - Math.max(fromUs, step.atUs);
    if (lengthUs <= 0) continue;
    const unusedNs = cores * lengthUs * 1_000 - onCpu * lengthUs;
    crowdedNs += Math.max(0, Math.min(runQueue * lengthUs, unusedNs));
    ownNs += onCpu * lengthUs;
  }
  if (machine === undefined) return Math.round(crowdedNs / 1_000);
  const othersNs = (machine.cpus * (machine.toUs - machine.fromUs) - machine.idleUs) * 1_000 - ownNs;
  return Math.round(Math.max(0, Math.min(crowdedNs, othersNs)) / 1_000);
}

/**
 * A run's crowdedUs: its `threads`, the `tool`'s, and its spans' start-ups (`spawn`: a thread or
 * process not sampled yet) taken as the run's own CPU; over `machine`'s window when it is known.
 */
export function crowdedUsOfRun(
  threads: readonly CounterSeries[],
  cores: number,
  tool: readonly CounterSeries[],
  spans: readonly { state: string; startUs: number; endUs: number }[],
  machine?: MachineWindow,
): number {
  const starting = spans.filter((span) => span.state === 'spawn').map((span) => busyDuring(span.startUs, span.endUs));
  return crowdedUs(threads, cores, [...tool, ...starting], machine);
}
