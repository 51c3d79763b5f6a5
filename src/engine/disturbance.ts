import type { AnyRun } from './trace.js';

/**
 * Whether a run's figures were disturbed by something outside the strategy: a speed-up no
 * strategy can earn, CPU steal, or other programs taking the CPU the run was ready for. Pure: it
 * reads the run, its sequential sibling, the steal the session saw (cpu-steal.ts) and the CPU
 * other programs took from the run's threads (crowding.ts); one authority for the table, the
 * captions and the JSON.
 */

/** The verdict, as the trace JSON carries it on each real run. */
export interface Disturbance {
  disturbed: boolean;
  /** Why, in words (`speed-up 2.61× above the limit 2.00 of 2 tasks on 2 cores`); null when not disturbed. */
  disturbedReason: string | null;
}

/**
 * Steal above this share of the run's core time (cores × elapsed) disturbs it: 5 %. Steal is
 * counted in 10 ms ticks over the whole run, start-up included, so one tick is already 1–3 % of
 * a short run; 5 % is what can move a figure by as much as the 10 % within which real and
 * emulated speed-ups are said to agree.
 */
const STEAL_SHARE = 0.05;

/**
 * CPU other programs took from the run (crowding.ts) above this share of its core time disturbs
 * it: 15 %. Quiet runs read some of their own tool's and the kernel's CPU as taken (a stretch
 * between samples is taken as even; the kernel's own work on the run's wake-ups is nobody's):
 * medians 0–1.8 %, CPython 2's GIL battle 5.7 % (max 15.9 % in 17 quiet runs, 2026-12-02 08:00–08:17
 * UTC, crowding.ts). Other programs that matter
 * take far more: four busy loops beside a GIL-bound run on 2 cores took ~40 % (it ran 1.63×
 * slower), two beside a one-core run 22–78 % (CI, `npm run bench -- crowding`).
 */
const CROWDED_SHARE = 0.15;

/**
 * Speed-ups are compared at the table's precision, so that a run shown as `2.00` on 2 cores is
 * not flagged for clock jitter below the last shown digit.
 */
const SHOWN_PRECISION = 0.005;

/** The fields the verdict reads: a run's own figures, and the steal seen during it. */
type Judged = Pick<AnyRun, 'elapsedUs' | 'cores' | 'tasks' | 'speedupVsSequential'> & {
  stealUs?: number | undefined;
  crowdedUs?: number | undefined;
};

/** The sequential sibling's figures the speed-up limit reads. */
type Baseline = Pick<AnyRun, 'elapsedUs' | 'spans'>;

/**
 * The most a strategy can gain over running the tasks in turn: never more than the number of
 * tasks (the longest one bounds it), and never more than the cores can do with the sequential
 * run's non-I/O time (its CPU work, and anything that slowed it). For CPU-bound tasks that is
 * min(tasks, cores); I/O that overlaps raises the second bound, as it should.
 */
export function speedupLimit(run: Pick<AnyRun, 'cores' | 'tasks'>, sequential: Baseline): { limit: number; ioShare: number } {
  const ioUs = sequential.spans.reduce((sum, span) => sum + (span.state === 'io' ? span.endUs - span.startUs : 0), 0);
  const ioShare = sequential.elapsedUs > 0 ? Math.min(1, ioUs / sequential.elapsedUs) : 0;
  const byCores = ioShare < 1 ? run.cores / (1 - ioShare) : Number.POSITIVE_INFINITY;
  return { limit: Math.min(run.tasks.length, byCores), ioShare };
}

/** The verdict on `run`, given its source's sequential run (if any). */
export function disturbanceOf(run: Judged, sequential: Baseline | undefined): Disturbance {
  const reasons: string[] = [];
  // A run of no tasks (a stand-in in tests) has nothing to bound.
  if (run.speedupVsSequential !== null && sequential !== undefined && run.tasks.length > 0) {
    const { limit, ioShare } = speedupLimit(run, sequential);
    if (run.speedupVsSequential > limit + SHOWN_PRECISION) {
      const tasks = `${run.tasks.length} task${run.tasks.length === 1 ? '' : 's'}`;
      const cores = `${run.cores} core${run.cores === 1 ? '' : 's'}`;
      const io = ioShare > 0 ? ` with ${Math.round(ioShare * 100)}% I/O` : '';
      reasons.push(`speed-up ${run.speedupVsSequential.toFixed(2)}× above the limit ${limit.toFixed(2)} of ${tasks} on ${cores}${io}`);
    }
  }
  const coreTimeUs = run.cores * run.elapsedUs;
  if (run.stealUs !== undefined && run.stealUs > 0 && run.stealUs > coreTimeUs * STEAL_SHARE) {
    const share = coreTimeUs > 0 ? ` (${Math.round((run.stealUs / coreTimeUs) * 100)}% of its core time)` : '';
    reasons.push(`CPU steal ${Math.round(run.stealUs / 1_000)}ms during the run${share}`);
  }
  if (run.crowdedUs !== undefined && run.crowdedUs > 0 && run.crowdedUs > coreTimeUs * CROWDED_SHARE) {
    const share = coreTimeUs > 0 ? ` (${Math.round((run.crowdedUs / coreTimeUs) * 100)}% of its core time)` : '';
    reasons.push(`other programs took ${Math.round(run.crowdedUs / 1_000)}ms of the CPU it was ready for${share}`);
  }
  return reasons.length === 0 ? { disturbed: false, disturbedReason: null } : { disturbed: true, disturbedReason: reasons.join('; ') };
}
