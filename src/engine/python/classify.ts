import type { ThreadSample } from './thread-sampler.js';
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
function firstFrom(samples: readonly ThreadSample[], atUs: number, strictly = false): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const sampleUs = samples[mid]!.atUs;
    if (sampleUs < atUs || (strictly && sampleUs === atUs)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The counters at `atUs`, linearly between the samples around it (null outside them). */
function at(samples: readonly ThreadSample[], atUs: number): Point | null {
  if (samples.length < 2 || atUs < samples[0]!.atUs || atUs > samples.at(-1)!.atUs) return null;
  // The first sample at or after atUs exists (atUs ≤ the last); it and the one before bracket atUs.
  const hi = Math.max(1, firstFrom(samples, atUs));
  const a = samples[hi - 1]!;
  const b = samples[hi]!;
  const f = b.atUs === a.atUs ? 0 : (atUs - a.atUs) / (b.atUs - a.atUs);
  return {
    atUs,
    onCpuUs: (a.onCpuNs + f * (b.onCpuNs - a.onCpuNs)) / 1_000,
    runQueueUs: (a.runQueueNs + f * (b.runQueueNs - a.runQueueNs)) / 1_000,
    runnable: b.runnable,
    onLock: b.onLock,
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
export function classifyThread(lane: number, samples: readonly ThreadSample[], startUs: number, endUs: number, fallback: 'running' | 'io'): Span[] {
  if (endUs <= startUs) return [];
  // Searched, not filtered: a live run is rebuilt often, with a phase per query over hours of samples.
  const inside = samples.slice(firstFrom(samples, startUs, true), firstFrom(samples, endUs));
  const first = at(samples, startUs);
  const last = at(samples, endUs);
  const points: Point[] = [...(first ? [first] : []), ...inside.map(toPoint), ...(last ? [last] : [])];
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
  const settledUntilUs = lastAsleep(samples)?.atUs ?? Number.NEGATIVE_INFINITY;
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

/** The last sample that saw the thread off a core (a scan from the end: the samples since are the live ones). */
function lastAsleep(samples: readonly ThreadSample[]): ThreadSample | undefined {
  for (let i = samples.length - 1; i >= 0; i--) if (!samples[i]!.runnable) return samples[i];
  return undefined;
}

function toPoint(sample: ThreadSample): Point {
  return { atUs: sample.atUs, onCpuUs: sample.onCpuNs / 1_000, runQueueUs: sample.runQueueNs / 1_000, runnable: sample.runnable, onLock: sample.onLock };
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
