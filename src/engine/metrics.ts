import type { SpanColumns } from './span-columns.js';
import { spanTotals } from './span-totals.js';
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

/** The same figures from span columns, by their one scan (span-totals.ts: the GIL figures read the same totals). */
export function metricsFromColumns(lanes: readonly Lane[], columns: SpanColumns): SpanMetrics {
  const totals = spanTotals(columns, lanes.length).map(
    (lane): LaneTotals => ({
      firstWorkUs: lane.firstWorkUs,
      finishUs: lane.finishUs,
      // Sums of integer µs: exact in any order, so the same as adding the spans one by one.
      waitUs: lane.readyUs + lane.gilWaitUs,
      cpuUs: lane.runningUs,
      spawnUs: lane.spawnUs,
    }),
  );
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
