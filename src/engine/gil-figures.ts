import { median } from './median.js';
import { columnsFromSpans, handoffColumnsOf, instantColumnsOf, spanColumnsOf } from './span-columns.js';
import { spanTotals, type SpanTotals } from './span-totals.js';
import type { RunFigures } from './trace.js';

/**
 * The figures a teacher reads off one lane or one run — GIL contention, hold periods, the wait
 * split by state — computed from the spans and hand-off instants alone, so that emulated and real
 * runs (Node and Python) get them by the same rule, and every view that shows one quotes this.
 * Response, turnaround and CPU time are the run's task metrics (`metrics.ts`), not recomputed.
 */

/** One lane's figures over its whole run. */
export interface LaneFigures {
  lane: number;
  /** The task's response, turnaround and CPU time, as its run's task metrics give them. */
  responseUs: number;
  turnaroundUs: number;
  cpuUs: number;
  /** Time spent in each waiting state. */
  readyUs: number;
  gilWaitUs: number;
  ioUs: number;
  /** The longest uninterrupted stretch spent waiting (`ready` and `gil-wait` back to back count as one). */
  longestWaitUs: number;
  /** gil-wait ÷ (running + gil-wait): the share of the time it wanted to run that it spent waiting for the GIL (null: neither). */
  contention: number | null;
  /** Times the GIL was handed to this lane (each begins one of its hold periods). */
  gilTakes: number;
  /** Median and longest of its hold periods (null without one). */
  medianHoldUs: number | null;
  longestHoldUs: number | null;
}

/** A run's GIL figures, the ones gil_load and the table report. */
export interface RunGilFigures {
  /** Σ gil-wait ÷ Σ (running + gil-wait) over its lanes (null: nothing ran). */
  contention: number | null;
  /** GIL hand-offs (the run's own count) per second of its elapsed time (null: no elapsed time). */
  handoffsPerSecond: number | null;
  /** Median and longest hold period (null with fewer than two hand-offs). */
  medianHoldUs: number | null;
  longestHoldUs: number | null;
}

/** A period during which one holder kept the GIL: from a hand-off to it until the next hand-off. */
export interface HoldPeriod {
  lane: number;
  startUs: number;
  durationUs: number;
}

/**
 * The hold periods between consecutive hand-offs (the last holder's final stretch has no end and is
 * not one). A holder that released the GIL for I/O and took it back with nobody in between still
 * holds the same period: it is the time between changes of holder, as `verify` measures CPython's.
 */
export function holdPeriods(run: Pick<RunFigures, 'instants'>): HoldPeriod[] {
  const holds: HoldPeriod[] = [];
  let holder = -1;
  let sinceUs = 0;
  for (const segment of handoffColumnsOf(run).segments) {
    for (let i = 0; i < segment.length; i++) {
      const atUs = segment.atUs[i]!;
      if (holder >= 0) holds.push({ lane: holder, startUs: sinceUs, durationUs: atUs - sinceUs });
      holder = segment.lane[i]!;
      sinceUs = atUs;
    }
  }
  return holds;
}

/** Median time between GIL hand-offs: how long a holder keeps it, on either side (NaN without two hand-offs). */
export function medianHoldUs(run: Pick<RunFigures, 'instants'>): number {
  // The durations as a column (no object per hold): a run of 10 M events has 2.5 M of them.
  return median(holdColumns(run, 0).durationsUs);
}

/** The largest value (a loop: a spread of ~10⁵ hold periods would overflow the stack). */
function maxOf(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** The hold periods of `holdPeriods` as columns (holder, duration), and each lane's GIL takes: no object per hold. */
function holdColumns(run: Pick<RunFigures, 'instants'>, laneCount: number) {
  const handoffs = handoffColumnsOf(run);
  const takes = new Array<number>(laneCount).fill(0);
  const lanes = new Int32Array(Math.max(0, handoffs.length - 1));
  const durationsUs = new Float64Array(lanes.length);
  let count = 0;
  let holder = -1;
  let sinceUs = 0;
  for (const segment of handoffs.segments) {
    for (let i = 0; i < segment.length; i++) {
      const lane = segment.lane[i]!;
      const atUs = segment.atUs[i]!;
      if (takes[lane] !== undefined) takes[lane]!++;
      if (holder >= 0) {
        lanes[count] = holder;
        durationsUs[count++] = atUs - sinceUs;
      }
      holder = lane;
      sinceUs = atUs;
    }
  }
  return { takes, lanes: lanes.subarray(0, count), durationsUs: durationsUs.subarray(0, count) };
}

/** Each lane's hold durations, in time order. */
function holdsByLane(holds: { lanes: Int32Array; durationsUs: Float64Array }, laneCount: number): Float64Array[] {
  const counts = new Array<number>(laneCount).fill(0);
  for (const lane of holds.lanes) if (lane < laneCount) counts[lane]!++;
  const own = counts.map((count) => new Float64Array(count));
  counts.fill(0);
  for (let i = 0; i < holds.lanes.length; i++) {
    const lane = holds.lanes[i]!;
    if (lane < laneCount) own[lane]![counts[lane]!++] = holds.durationsUs[i]!;
  }
  return own;
}

/**
 * Each lane's time per state and its longest stretch of waiting, from the run's one scan of its
 * span columns (span-totals.ts). The stretches need each lane's spans in time order, which the
 * sources give (a copy is sorted when not).
 */
function stateTotals(run: Pick<RunFigures, 'lanes' | 'spans'>): readonly SpanTotals[] {
  const laneCount = run.lanes.length;
  const columns =
    spanColumnsOf(run) ?? columnsFromSpans(inLaneOrder(run.spans, laneCount) ? run.spans : [...run.spans].sort((a, b) => a.startUs - b.startUs), laneCount);
  return spanTotals(columns, laneCount);
}

/** True when each lane's spans come in time order (spans of one lane never overlap). */
function inLaneOrder(spans: RunFigures['spans'], laneCount: number): boolean {
  const lastStartUs = new Array<number>(laneCount).fill(Number.NEGATIVE_INFINITY);
  for (const span of spans) {
    if (span.startUs < lastStartUs[span.lane]!) return false;
    lastStartUs[span.lane] = span.startUs;
  }
  return true;
}

function contentionOf(runningUs: number, gilWaitUs: number): number | null {
  return runningUs + gilWaitUs > 0 ? gilWaitUs / (runningUs + gilWaitUs) : null;
}

interface Figures {
  lanes: LaneFigures[];
  run: RunGilFigures;
}

/** What the figures were computed from besides the spans (the cache's key), checked on every hit. */
interface KnownFigures {
  instants: object;
  tasks: RunFigures['tasks'];
  laneCount: number;
  elapsedUs: number;
  gilHandoffs: number;
  figures: Figures;
}

const figuresCache = new WeakMap<object, KnownFigures>();

/**
 * Both sets of figures of a run, computed once per record of its spans (views ask for them every
 * frame). Keyed by the spans (their columns, or the array) rather than the run object: the
 * dashboard presents one emulation as a new run object on every key that changes its setup
 * record (presentAs: the GIL key renames nothing in sequential but changes its setup), and
 * those copies share the spans, instants and tasks the figures are made of.
 */
function figuresOf(run: RunFigures): Figures {
  const spans: object = spanColumnsOf(run) ?? run.spans;
  const instants: object = instantColumnsOf(run) ?? run.instants;
  const known = figuresCache.get(spans);
  if (
    known !== undefined &&
    known.instants === instants &&
    known.tasks === run.tasks &&
    known.laneCount === run.lanes.length &&
    known.elapsedUs === run.elapsedUs &&
    known.gilHandoffs === run.gilHandoffs
  )
    return known.figures;
  const totals = stateTotals(run);
  const holds = holdColumns(run, totals.length);
  const holdsOf = holdsByLane(holds, totals.length);
  const takes = holds.takes;
  const lanes = totals.map((lane, i): LaneFigures => {
    const task = run.tasks[i];
    const own = holdsOf[i]!;
    return {
      lane: i,
      responseUs: task?.responseUs ?? 0,
      turnaroundUs: task?.turnaroundUs ?? 0,
      cpuUs: task?.cpuUs ?? 0,
      readyUs: lane.readyUs,
      gilWaitUs: lane.gilWaitUs,
      ioUs: lane.ioUs,
      longestWaitUs: lane.longestWaitUs,
      contention: contentionOf(lane.runningUs, lane.gilWaitUs),
      gilTakes: takes[i]!,
      medianHoldUs: own.length === 0 ? null : median(own),
      longestHoldUs: own.length === 0 ? null : maxOf(own),
    };
  });
  const sum = (pick: (lane: SpanTotals) => number) => totals.reduce((total, lane) => total + pick(lane), 0);
  const durations = holds.durationsUs;
  const figures: Figures = {
    lanes,
    run: {
      contention: contentionOf(
        sum((lane) => lane.runningUs),
        sum((lane) => lane.gilWaitUs),
      ),
      handoffsPerSecond: run.elapsedUs > 0 ? run.gilHandoffs / (run.elapsedUs / 1e6) : null,
      medianHoldUs: durations.length === 0 ? null : median(durations),
      longestHoldUs: durations.length === 0 ? null : maxOf(durations),
    },
  };
  figuresCache.set(spans, { instants, tasks: run.tasks, laneCount: run.lanes.length, elapsedUs: run.elapsedUs, gilHandoffs: run.gilHandoffs, figures });
  return figures;
}

/** Every lane's figures, in lane order. */
export function laneFigures(run: RunFigures): readonly LaneFigures[] {
  return figuresOf(run).lanes;
}

/** The run's GIL figures. */
export function runGilFigures(run: RunFigures): RunGilFigures {
  return figuresOf(run).run;
}
