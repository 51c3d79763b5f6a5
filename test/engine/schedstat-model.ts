import type { ThreadSample } from '../../src/engine/python/sample-series.js';

/**
 * A kernel's `schedstat` for schedules written down in advance, read the way the samplers read
 * it: fixtures whose true figures are known. The kernel credits a running thread's on-CPU time
 * at each tick and when it leaves its core, and its run-queue time (and one timeslice) when it
 * gets a core back; a sample sees only what was credited by then.
 */

/** What a thread does until `untilUs` (from the end of the segment before, or 0). */
export interface Segment {
  state: 'run' | 'queue' | 'sleep';
  untilUs: number;
}

/** `count` threads taking turns of `turnUs` on one core from 0 to `endUs`, thread 0 first: each runs one turn, then queues for the others'. */
export function turns(count: number, turnUs: number, endUs: number): Segment[][] {
  return Array.from({ length: count }, (_, k) => {
    const segments: Segment[] = [];
    for (let atUs = 0; atUs < endUs; atUs += turnUs) {
      const state = (atUs / turnUs) % count === k ? 'run' : 'queue';
      const last = segments.at(-1);
      if (last?.state === state) last.untilUs = atUs + turnUs;
      else segments.push({ state, untilUs: atUs + turnUs });
    }
    return segments;
  });
}

/** The thread's kernel counters at `atUs`, with ticks every `tickUs` from `tickPhaseUs` (its core's). */
function countersAt(segments: readonly Segment[], atUs: number, tickUs: number, tickPhaseUs: number): ThreadSample {
  let onCpuNs = 0;
  let runQueueNs = 0;
  let queuedUs = 0;
  let timeslices = 0;
  let fromUs = 0;
  let runnable = false;
  for (const { state, untilUs } of segments) {
    if (fromUs > atUs) break;
    runnable = state !== 'sleep';
    if (state === 'queue') queuedUs += Math.min(untilUs, atUs) - fromUs;
    if (state === 'run') {
      // The wait before this turn is credited when the turn starts; the turn up to the last tick
      // before `atUs`, or whole once it has ended.
      runQueueNs += queuedUs * 1_000;
      queuedUs = 0;
      timeslices++;
      const lastTickUs = tickPhaseUs + Math.floor((atUs - tickPhaseUs) / tickUs) * tickUs;
      const creditedUntilUs = untilUs <= atUs ? untilUs : Math.max(fromUs, lastTickUs);
      onCpuNs += (creditedUntilUs - fromUs) * 1_000;
    }
    fromUs = untilUs;
  }
  return { atUs, onCpuNs, runQueueNs, timeslices, runnable, onLock: false };
}

/** The samples of a thread with these `segments`, read at each of `sampleUs`. */
export function readings(segments: readonly Segment[], sampleUs: readonly number[], tickUs = 4_000, tickPhaseUs = 0): ThreadSample[] {
  return sampleUs.map((atUs) => countersAt(segments, atUs, tickUs, tickPhaseUs));
}

/** Sample instants from 0 to `endUs`, `periodUs` apart with a fixed pattern of lateness (as a timer is late). */
export function sampleTimes(periodUs: number, endUs: number): number[] {
  const late = [0, 130, 40, 310, 70, 220, 10, 160];
  const times: number[] = [];
  for (let k = 0; k * periodUs <= endUs; k++) times.push(Math.min(endUs, k * periodUs + late[k % late.length]!));
  return [...new Set(times)];
}
