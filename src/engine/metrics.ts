import type { Lane, Span, TaskMetrics } from './trace.js';

/** Per-task and per-run figures derived from spans alone, so every source agrees with its picture. */
export interface SpanMetrics {
  tasks: TaskMetrics[];
  elapsedUs: number;
  /** Core time spent `running` or in `spawn`. */
  busyUs: number;
}

/**
 * OSTEP's definitions: response = first time the task did its own work (ran, or started its
 * first I/O) − arrival; turnaround = finish − arrival; wait = time `ready` or in `gil-wait`.
 */
export function metricsFromSpans(lanes: readonly Lane[], spans: readonly Span[]): SpanMetrics {
  const firstWorkUs = new Array<number>(lanes.length).fill(Number.POSITIVE_INFINITY);
  const finishUs = new Array<number>(lanes.length).fill(0);
  const waitUs = new Array<number>(lanes.length).fill(0);
  const cpuUs = new Array<number>(lanes.length).fill(0);
  let busyUs = 0;
  for (const span of spans) {
    const duration = span.endUs - span.startUs;
    const lane = span.lane;
    if (span.state === 'running' || span.state === 'io') {
      firstWorkUs[lane] = Math.min(firstWorkUs[lane]!, span.startUs);
    }
    if (span.state === 'running') cpuUs[lane]! += duration;
    if (span.state === 'running' || span.state === 'spawn') busyUs += duration;
    if (span.state === 'ready' || span.state === 'gil-wait') waitUs[lane]! += duration;
    finishUs[lane] = Math.max(finishUs[lane]!, span.endUs);
  }
  const tasks = lanes.map((lane, i): TaskMetrics => {
    const first = firstWorkUs[i]!;
    return {
      name: lane.name,
      arrivalUs: lane.arrivalUs,
      responseUs: Number.isFinite(first) ? first - lane.arrivalUs : finishUs[i]! - lane.arrivalUs,
      turnaroundUs: finishUs[i]! - lane.arrivalUs,
      waitUs: waitUs[i]!,
      cpuUs: cpuUs[i]!,
      finishUs: finishUs[i]!,
    };
  });
  const elapsedUs = finishUs.reduce((max, value) => Math.max(max, value), 0);
  return { tasks, elapsedUs, busyUs };
}

/** Busy core time ÷ (cores × elapsed), in [0, 1]. */
export function utilization(busyUs: number, cores: number, elapsedUs: number): number {
  return elapsedUs > 0 ? busyUs / (cores * elapsedUs) : 0;
}
