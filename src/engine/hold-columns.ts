import { isRepeat } from './column-repeats.js';
import { median, weightedMedian } from './median.js';
import type { InstantColumns, InstantSegment } from './span-columns.js';

/**
 * The hold periods between a run's GIL hand-offs as columns (no object per hold: a run of 10 M
 * events has 2.5 M of them), each with the number of holds it stands for: the hand-offs of
 * cycles a fast-forward skipped (column-repeats.ts) give the same holds in every cycle, so a
 * cycle's holds are kept once, with the count, and the medians are weighted.
 */
export interface HoldColumns {
  /** Times the GIL was handed to each lane (below the lane count asked for). */
  takes: number[];
  /** Each hold's holder and duration, and how many holds it stands for. */
  lanes: Int32Array;
  durationsUs: Float64Array;
  weights: Float64Array;
}

/** A lane's holds, or a run's. */
export type Holds = Pick<HoldColumns, 'durationsUs' | 'weights'>;

/** Where a scan of the hand-offs stands. */
interface HoldScan extends HoldColumns {
  count: number;
  holder: number;
  sinceUs: number;
}

/**
 * The hold periods: from each hand-off to the next (the last holder's final stretch has no end
 * and is not one; nor is a stretch held by a thread with no task, lane -1).
 */
export function holdColumns(handoffs: InstantColumns, laneCount: number): HoldColumns {
  // Room for every hold of a segment and two copies' worth of a repeat's (its first, then one for all the rest).
  let room = 0;
  for (const part of handoffs.parts) room += isRepeat(part) ? 2 * part.block.length : part.length;
  const scan: HoldScan = {
    takes: new Array<number>(laneCount).fill(0),
    lanes: new Int32Array(room),
    durationsUs: new Float64Array(room),
    weights: new Float64Array(room),
    count: 0,
    holder: -1,
    sinceUs: 0,
  };
  for (const part of handoffs.parts) {
    if (!isRepeat(part)) {
      addHoldsOf(scan, part, 0, 1);
      continue;
    }
    // The first copy follows what came before; every later copy follows the one before it, so
    // its holds are the second copy's, a period later each time.
    const { block, cycles, periodUs } = part;
    addHoldsOf(scan, block, periodUs, 1);
    if (cycles < 2) continue;
    addHoldsOf(scan, block, 2 * periodUs, cycles - 1);
    scan.sinceUs = block.atUs[block.length - 1]! + cycles * periodUs;
  }
  const { takes, lanes, durationsUs, weights, count } = scan;
  return { takes, lanes: lanes.subarray(0, count), durationsUs: durationsUs.subarray(0, count), weights: weights.subarray(0, count) };
}

/** Adds the holds that end at the segment's hand-offs, each `shiftUs` later, every one standing for `weight` holds. */
function addHoldsOf(scan: HoldScan, segment: InstantSegment, shiftUs: number, weight: number): void {
  const { takes, lanes, durationsUs, weights } = scan;
  let { count, holder, sinceUs } = scan;
  for (let i = 0; i < segment.length; i++) {
    const lane = segment.lane[i]!;
    const atUs = segment.atUs[i]! + shiftUs;
    if (takes[lane] !== undefined) takes[lane] += weight;
    if (holder >= 0) {
      lanes[count] = holder;
      durationsUs[count] = atUs - sinceUs;
      weights[count++] = weight;
    }
    holder = lane;
    sinceUs = atUs;
  }
  Object.assign(scan, { count, holder, sinceUs });
}

/** Each lane's holds. */
export function holdsByLane(holds: HoldColumns, laneCount: number): Holds[] {
  const counts = new Array<number>(laneCount).fill(0);
  for (const lane of holds.lanes) if (lane < laneCount) counts[lane]!++;
  const own = counts.map((count) => ({ durationsUs: new Float64Array(count), weights: new Float64Array(count) }));
  counts.fill(0);
  for (let i = 0; i < holds.lanes.length; i++) {
    const lane = holds.lanes[i]!;
    if (lane >= laneCount) continue;
    const at = counts[lane]!++;
    own[lane]!.durationsUs[at] = holds.durationsUs[i]!;
    own[lane]!.weights[at] = holds.weights[i]!;
  }
  return own;
}

/** The median hold, as of the holds written out one by one (NaN without one). */
export function medianHold({ durationsUs, weights }: Holds): number {
  // Selection on the durations alone where each stands for one hold (a run with nothing skipped).
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 1) return weightedMedian(durationsUs, weights);
  return median(durationsUs);
}

/** The longest hold (a loop: a spread of ~10⁵ hold periods would overflow the stack). */
export function longestHold({ durationsUs }: Holds): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < durationsUs.length; i++) if (durationsUs[i]! > max) max = durationsUs[i]!;
  return max;
}
