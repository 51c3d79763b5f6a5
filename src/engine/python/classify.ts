import type { SampleView } from './sample-series.js';
import type { Span, SpanState } from '../trace.js';

/**
 * What a Python thread did, from the kernel's word on it: on-CPU time advancing is `running`,
 * run-queue time advancing is `ready` (runnable without a core); the rest of a sample it was
 * asleep: on a lock — the GIL — (`gil-wait`, in futex), or on anything else (`io`: a sleep, a
 * socket, an event loop). Being runnable (state R) is not being ready: a thread on a core is R
 * too, and the kernel counts its run-queue time itself. The samples carry the kernel's credits
 * already spread over the samples they belong to (`credit-spread.ts`). Resolution is the
 * sampling period; within one sample the shares are split in time, continuing the state the
 * previous sample ended in.
 */

/**
 * A share smaller than this joins the largest share of its sample: a waiter's wake-up on its
 * timeout (a few µs). Not a part of the sample: the shares are the kernel's own figures now, and
 * a 0.1 ms turn (the convoy's I/O thread between two sleeps) is a turn, even in a 1 ms sample.
 */
const MIN_SHARE_US = 50;

type ThreadState = Extract<SpanState, 'running' | 'ready' | 'gil-wait' | 'io'>;

interface Point {
  atUs: number;
  onCpuUs: number;
  runQueueUs: number;
  /** Runnable (state R) at this instant; an interpolated point takes the next sample's state. */
  runnable: boolean;
  /** Asleep on a lock at this instant. */
  onLock: boolean;
}

/** The index of the first sample at or after `atUs` (after it, when `strictly`): samples are in time order. */
function firstFrom(samples: SampleView, atUs: number, strictly = false): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const sampleUs = samples.atUs(mid);
    if (sampleUs < atUs || (strictly && sampleUs === atUs)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The counters at `atUs`, linearly between the samples around it (null outside them). */
function at(samples: SampleView, atUs: number): Point | null {
  if (samples.length < 2 || atUs < samples.atUs(0) || atUs > samples.atUs(samples.length - 1)) return null;
  // The first sample at or after atUs exists (atUs ≤ the last); it and the one before bracket atUs.
  const b = Math.max(1, firstFrom(samples, atUs));
  const a = b - 1;
  const f = samples.atUs(b) === samples.atUs(a) ? 0 : (atUs - samples.atUs(a)) / (samples.atUs(b) - samples.atUs(a));
  return {
    atUs,
    onCpuUs: (samples.onCpuNs(a) + f * (samples.onCpuNs(b) - samples.onCpuNs(a))) / 1_000,
    runQueueUs: (samples.runQueueNs(a) + f * (samples.runQueueNs(b) - samples.runQueueNs(a))) / 1_000,
    runnable: samples.runnable(b),
    onLock: samples.onLock(b),
  };
}

/**
 * How the time between two points splits into running, ready and asleep. `settled`: the thread
 * has been seen off a core since, so every credit for this stretch is in; `unseenSleep`: what a
 * thread runnable at both ends but neither on a core nor queued was doing then.
 */
function shares(from: Point, to: Point, settled: boolean, unseenSleep: ThreadState): [ThreadState, number][] {
  const dt = to.atUs - from.atUs;
  const running = Math.min(dt, Math.max(0, to.onCpuUs - from.onCpuUs));
  const ready = Math.min(dt - running, Math.max(0, to.runQueueUs - from.runQueueUs));
  // The rest it slept: on what the asleep end says. Runnable at both ends, it is on a core and
  // not credited yet (the tick comes within 4 ms) — unless the credits are all in, and then it
  // slept between two samples that both caught it awake (a sample read late).
  const rest = dt - running - ready;
  const awake = from.runnable && to.runnable;
  const asleep: ThreadState = awake ? unseenSleep : (to.runnable ? from.onLock : to.onLock) ? 'gil-wait' : 'io';
  // In the order a thread goes through them after the state it was in: it queues, then runs, then sleeps.
  const raw: [ThreadState, number][] = [
    ['ready', ready],
    ['running', running + (awake && !settled ? rest : 0)],
    [asleep, awake && !settled ? 0 : rest],
  ];
  // A waiter wakes for a few µs on its timeout to ask for the GIL: noise, not a turn to run.
  const largest = raw.reduce((best, share) => (share[1] > best[1] ? share : best));
  const kept = raw.filter((share) => share === largest || share[1] >= MIN_SHARE_US);
  const dropped = dt - kept.reduce((sum, [, us]) => sum + us, 0);
  return kept.map(([state, us]): [ThreadState, number] => [state, state === largest[0] ? us + dropped : us]).filter(([, us]) => us > 0);
}

/**
 * The states of one thread over [startUs, endUs]. Without samples covering a stretch (the
 * thread was not sampled yet), the stretch counts as `fallback`: running in a CPU phase, io in
 * an I/O phase.
 */
export function classifyThread(lane: number, samples: SampleView, startUs: number, endUs: number, fallback: 'running' | 'io'): Span[] {
  if (endUs <= startUs) return [];
  const points: Point[] = [];
  const first = at(samples, startUs);
  if (first) points.push(first);
  // Searched, not filtered: a live run is rebuilt often, with a phase per query over hours of samples.
  for (let i = firstFrom(samples, startUs, true), to = firstFrom(samples, endUs); i < to; i++) points.push(pointAt(samples, i));
  const last = at(samples, endUs);
  if (last) points.push(last);
  const spans: Span[] = [];
  const push = (state: SpanState, fromUs: number, toUs: number) => {
    const a = Math.round(fromUs);
    const b = Math.round(toUs);
    if (b <= a) return;
    const previous = spans.at(-1);
    if (previous && previous.state === state && previous.endUs === a) previous.endUs = b;
    else spans.push({ lane, state, startUs: a, endUs: b });
  };
  if (points.length < 2) {
    push(fallback, startUs, endUs);
    return spans;
  }
  push(fallback, startUs, points[0]!.atUs);
  const asleep = samples.lastAsleep();
  const settledUntilUs = asleep < 0 ? Number.NEGATIVE_INFINITY : samples.atUs(asleep);
  // Inside a CPU phase a thread sleeps on the GIL; inside an I/O phase on its I/O.
  const unseenSleep = fallback === 'running' ? 'gil-wait' : 'io';
  let previousState: SpanState = fallback;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    const parts = shares(from, to, to.atUs <= settledUntilUs, unseenSleep).sort((x, y) => (x[0] === previousState ? -1 : y[0] === previousState ? 1 : 0));
    let cursor = from.atUs;
    for (const [state, us] of parts) {
      push(state, cursor, cursor + us);
      cursor += us;
      previousState = state;
    }
  }
  push(previousState, points.at(-1)!.atUs, endUs);
  return spans;
}

function pointAt(samples: SampleView, i: number): Point {
  return {
    atUs: samples.atUs(i),
    onCpuUs: samples.onCpuNs(i) / 1_000,
    runQueueUs: samples.runQueueNs(i) / 1_000,
    runnable: samples.runnable(i),
    onLock: samples.onLock(i),
  };
}

/** One hand-off of the GIL: the thread that runs Python code changed. */
export interface Handoff {
  atUs: number;
  lane: number;
}

/**
 * Hand-offs inside one process: walking its threads' running spans in time order, every change
 * of thread is one (consecutive tasks of one pool thread are not).
 */
export function handoffs(spans: readonly Span[], threadOf: (lane: number) => number | null): Handoff[] {
  const running = spans.filter((span) => span.state === 'running').sort((a, b) => a.startUs - b.startUs || a.lane - b.lane);
  const found: Handoff[] = [];
  let holder: number | null = null;
  for (const span of running) {
    const thread = threadOf(span.lane);
    if (holder !== null && thread !== holder) found.push({ atUs: span.startUs, lane: span.lane });
    holder = thread;
  }
  return found;
}
