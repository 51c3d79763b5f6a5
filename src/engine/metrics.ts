import { STATE_INDEX, type SpanColumns } from './span-columns.js';
import type { Lane, Span, TaskMetrics } from './trace.js';

/** Per-task and per-run figures derived from spans alone, so every source agrees with its picture. */
export interface SpanMetrics {
  tasks: TaskMetrics[];
  elapsedUs: number;
  /** Core time spent `running` or in `spawn`. */
  busyUs: number;
}

/** One lane's sums over its spans, added one span at a time (real runs add them as they settle). */
export interface LaneTotals {
  /** Start of the first `running` or `io` span (Infinity before one). */
  firstWorkUs: number;
  finishUs: number;
  waitUs: number;
  cpuUs: number;
  spawnUs: number;
}

export function emptyTotals(): LaneTotals {
  return { firstWorkUs: Number.POSITIVE_INFINITY, finishUs: 0, waitUs: 0, cpuUs: 0, spawnUs: 0 };
}

/** Adds one span of the lane to its totals. */
export function addSpan(totals: LaneTotals, span: Span): void {
  const duration = span.endUs - span.startUs;
  if (span.state === 'running' || span.state === 'io') totals.firstWorkUs = Math.min(totals.firstWorkUs, span.startUs);
  if (span.state === 'running') totals.cpuUs += duration;
  if (span.state === 'spawn') totals.spawnUs += duration;
  if (span.state === 'ready' || span.state === 'gil-wait') totals.waitUs += duration;
  totals.finishUs = Math.max(totals.finishUs, span.endUs);
}

/**
 * OSTEP's definitions: response = first time the task did its own work (ran, or started its
 * first I/O) − arrival; turnaround = finish − arrival; wait = time `ready` or in `gil-wait`.
 */
export function taskMetrics(lane: Lane, totals: LaneTotals): TaskMetrics {
  const first = totals.firstWorkUs;
  return {
    name: lane.name,
    arrivalUs: lane.arrivalUs,
    responseUs: Number.isFinite(first) ? first - lane.arrivalUs : totals.finishUs - lane.arrivalUs,
    turnaroundUs: totals.finishUs - lane.arrivalUs,
    waitUs: totals.waitUs,
    cpuUs: totals.cpuUs,
    finishUs: totals.finishUs,
  };
}

export function metricsFromSpans(lanes: readonly Lane[], spans: readonly Span[]): SpanMetrics {
  const totals = lanes.map(emptyTotals);
  for (const span of spans) addSpan(totals[span.lane]!, span);
  return metricsFromTotals(lanes, totals);
}

const RUNNING = STATE_INDEX.running;
const IO = STATE_INDEX.io;
const SPAWN = STATE_INDEX.spawn;
const READY = STATE_INDEX.ready;
const GIL_WAIT = STATE_INDEX['gil-wait'];

/** The same figures by a scan of span columns (what `addSpan` adds, column by column). */
export function metricsFromColumns(lanes: readonly Lane[], columns: SpanColumns): SpanMetrics {
  const totals = lanes.map(emptyTotals);
  for (const { lane, length, state, startUs, endUs } of columns.segments) {
    const sums = totals[lane]!;
    // The sums in locals while a segment is scanned: a first run of the process (what a user
    // pays) scans in the interpreter, where each property access is an instruction of its own.
    let { firstWorkUs, finishUs, cpuUs, spawnUs, waitUs } = sums;
    for (let i = 0; i < length; i++) {
      const kind = state[i]!;
      const start = startUs[i]!;
      const end = endUs[i]!;
      if ((kind === RUNNING || kind === IO) && start < firstWorkUs) firstWorkUs = start;
      if (kind === RUNNING) cpuUs += end - start;
      else if (kind === SPAWN) spawnUs += end - start;
      else if (kind === READY || kind === GIL_WAIT) waitUs += end - start;
      if (end > finishUs) finishUs = end;
    }
    Object.assign(sums, { firstWorkUs, finishUs, cpuUs, spawnUs, waitUs });
  }
  return metricsFromTotals(lanes, totals);
}

function metricsFromTotals(lanes: readonly Lane[], totals: readonly LaneTotals[]): SpanMetrics {
  const tasks = lanes.map((lane, i) => taskMetrics(lane, totals[i]!));
  const elapsedUs = tasks.reduce((max, task) => Math.max(max, task.finishUs), 0);
  const busyUs = totals.reduce((sum, lane) => sum + lane.cpuUs + lane.spawnUs, 0);
  return { tasks, elapsedUs, busyUs };
}

/** Busy core time ÷ (cores × elapsed), in [0, 1]. */
export function utilization(busyUs: number, cores: number, elapsedUs: number): number {
  return elapsedUs > 0 ? busyUs / (cores * elapsedUs) : 0;
}
