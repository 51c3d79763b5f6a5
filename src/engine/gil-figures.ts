import { holdColumns, holdsByLane, longestHold, medianHold } from './hold-columns.js';
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
  return medianHold(holdColumns(handoffColumnsOf(run), 0));
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
  const holds = holdColumns(handoffColumnsOf(run), totals.length);
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
      medianHoldUs: own.durationsUs.length === 0 ? null : medianHold(own),
      longestHoldUs: own.durationsUs.length === 0 ? null : longestHold(own),
    };
  });
  const sum = (pick: (lane: SpanTotals) => number) => totals.reduce((total, lane) => total + pick(lane), 0);
  const figures: Figures = {
    lanes,
    run: {
      contention: contentionOf(
        sum((lane) => lane.runningUs),
        sum((lane) => lane.gilWaitUs),
      ),
      handoffsPerSecond: run.elapsedUs > 0 ? run.gilHandoffs / (run.elapsedUs / 1e6) : null,
      medianHoldUs: holds.durationsUs.length === 0 ? null : medianHold(holds),
      longestHoldUs: holds.durationsUs.length === 0 ? null : longestHold(holds),
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
