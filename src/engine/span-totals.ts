import { isRepeat, type SpanRepeat } from './column-repeats.js';
import { STATE_INDEX, type SpanColumns, type SpanSegment } from './span-columns.js';

/**
 * Every per-lane sum that a run's figures take from its spans, in one scan of the span columns:
 * the task metrics (metrics.ts) and the GIL figures (gil-figures.ts) used to scan the same
 * columns once each, and a first run of the process (what `emulate` pays) scans in V8's
 * interpreter, where a scan of 25,000 spans is a few million instructions.
 */
export interface SpanTotals {
  /** Start of the first `running` or `io` span (Infinity before one). */
  firstWorkUs: number;
  /** The latest end of any span (0 without one). */
  finishUs: number;
  runningUs: number;
  spawnUs: number;
  readyUs: number;
  gilWaitUs: number;
  ioUs: number;
  /** The longest uninterrupted stretch spent waiting (`ready` and `gil-wait` back to back count as one). */
  longestWaitUs: number;
}

/** A lane's totals while its spans are scanned: where its current stretch of waiting began and ended (-1: not waiting). */
interface LaneScan extends SpanTotals {
  waitStartUs: number;
  waitEndUs: number;
}

const RUNNING = STATE_INDEX.running;
const READY = STATE_INDEX.ready;
const GIL_WAIT = STATE_INDEX['gil-wait'];
const IO = STATE_INDEX.io;
const SPAWN = STATE_INDEX.spawn;

/** Totals already scanned, by the columns they were scanned from (an emulated run's metrics and figures read the same ones). */
const scanned = new WeakMap<SpanColumns, { laneCount: number; totals: readonly SpanTotals[] }>();

/**
 * Each lane's totals below `laneCount` (spans of other lanes are left out). The wait stretches
 * need each lane's spans in time order, which columns hold.
 */
export function spanTotals(columns: SpanColumns, laneCount: number): readonly SpanTotals[] {
  const known = scanned.get(columns);
  if (known !== undefined && known.laneCount === laneCount) return known.totals;
  const lanes = Array.from({ length: laneCount }, emptyScan);
  for (const part of columns.parts) {
    const lane = lanes[part.lane];
    if (lane === undefined) continue;
    if (isRepeat(part)) scanRepeat(lane, part);
    else scan(lane, part, 0);
  }
  scanned.set(columns, { laneCount, totals: lanes });
  return lanes;
}

function emptyScan(): LaneScan {
  return {
    firstWorkUs: Number.POSITIVE_INFINITY,
    finishUs: 0,
    runningUs: 0,
    spawnUs: 0,
    readyUs: 0,
    gilWaitUs: 0,
    ioUs: 0,
    longestWaitUs: 0,
    waitStartUs: -1,
    waitEndUs: -1,
  };
}

/**
 * Copies of a repeat scanned span by span before the rest are added in closed form. The sums
 * are the same in every copy, but a copy's stretches of waiting depend on where the one before
 * left off: the first copy follows the spans before the repeat; every later one follows a copy,
 * and meets its waits as the second did, a period later. (A stretch the second copy carries from
 * before the repeat either goes on through every copy, or is cut at its first wait, before a
 * stretch of it is measured.)
 */
const COPIES_SCANNED = 2;

/** Adds a repeat's spans to the lane's totals, in closed form beyond the first copies. */
function scanRepeat(lane: LaneScan, { block, cycles, periodUs }: SpanRepeat): void {
  let before = lane;
  for (let copy = 1; copy <= Math.min(cycles, COPIES_SCANNED); copy++) {
    before = { ...lane };
    scan(lane, block, copy * periodUs);
  }
  const more = cycles - COPIES_SCANNED;
  if (more <= 0) return;
  // Sums of integer µs: `more` times the last copy's is exactly what adding them one by one gives.
  lane.runningUs += more * (lane.runningUs - before.runningUs);
  lane.spawnUs += more * (lane.spawnUs - before.spawnUs);
  lane.readyUs += more * (lane.readyUs - before.readyUs);
  lane.gilWaitUs += more * (lane.gilWaitUs - before.gilWaitUs);
  lane.ioUs += more * (lane.ioUs - before.ioUs);
  if (lane.finishUs !== before.finishUs) lane.finishUs += more * periodUs;
  if (lane.waitEndUs === before.waitEndUs) return; // the copy did not wait
  lane.waitEndUs += more * periodUs;
  // A stretch begun in the copy: every later copy has its stretches, as long. Else the copy only
  // went on with a stretch begun before it, and so does every later one: it ends with the last.
  if (lane.waitStartUs !== before.waitStartUs) lane.waitStartUs += more * periodUs;
  else lane.longestWaitUs = Math.max(lane.longestWaitUs, lane.waitEndUs - lane.waitStartUs);
}

/** Adds a segment's spans, each `shiftUs` later, to the lane's totals. */
function scan(lane: LaneScan, { state, startUs, endUs, length }: SpanSegment, shiftUs: number): void {
  // The sums in locals while a segment is scanned: in the interpreter each property access is an instruction of its own.
  let { firstWorkUs, finishUs, runningUs, spawnUs, readyUs, gilWaitUs, ioUs, longestWaitUs, waitStartUs, waitEndUs } = lane;
  for (let i = 0; i < length; i++) {
    const kind = state[i]!;
    const start = startUs[i]! + shiftUs;
    const end = endUs[i]! + shiftUs;
    const durationUs = end - start;
    if (end > finishUs) finishUs = end;
    if (kind === RUNNING) {
      runningUs += durationUs;
      if (start < firstWorkUs) firstWorkUs = start;
    } else if (kind === IO) {
      ioUs += durationUs;
      if (start < firstWorkUs) firstWorkUs = start;
    } else if (kind === SPAWN) spawnUs += durationUs;
    else if (kind === READY || kind === GIL_WAIT) {
      if (kind === READY) readyUs += durationUs;
      else gilWaitUs += durationUs;
      if (durationUs === 0) continue;
      // A wait goes on while waiting spans of the lane follow each other without a gap.
      if (waitEndUs !== start) waitStartUs = start;
      waitEndUs = end;
      if (end - waitStartUs > longestWaitUs) longestWaitUs = end - waitStartUs;
    }
  }
  Object.assign(lane, { firstWorkUs, finishUs, runningUs, spawnUs, readyUs, gilWaitUs, ioUs, longestWaitUs, waitStartUs, waitEndUs });
}
