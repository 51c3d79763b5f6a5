import type { Span } from '../trace.js';
import { TERMINAL_STATES } from '../trace.js';
import type { SchedSample } from './procfs.js';

/**
 * Refines a real run's spans with the kernel's run-queue counters.
 *
 * A task reports `running` while its own code executes, but the OS may have preempted its
 * thread meanwhile. Between two consecutive schedstat samples s0, s1 of a lane's thread,
 * Δwait = s1.runQueueNs − s0.runQueueNs is how long the thread was runnable yet off-CPU. Each
 * `running` span's overlap with the window [s0.atUs, s1.atUs] becomes a `ready` part of length
 * round(overlap × min(1, Δwait ÷ window)), followed by the `running` remainder.
 *
 * Simplifications, deliberately:
 * - Ordering inside a window is unknown: the kernel only gives a total, so the waiting is drawn
 *   at the start of each overlap and spread evenly over the window's running time.
 * - Resolution is the sampling window, and on-CPU time advances in ~4 ms ticks (exact only at
 *   switches), so short preemptions blur. It is a picture of contention, not an exact replay.
 */

/** A window between two consecutive samples, with the fraction of it spent in a run queue. */
interface WaitWindow {
  startUs: number;
  endUs: number;
  waitFraction: number;
}

function waitWindows(samples: readonly SchedSample[]): WaitWindow[] {
  const sorted = [...samples].sort((a, b) => a.atUs - b.atUs);
  const windows: WaitWindow[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const s0 = sorted[i - 1];
    const s1 = sorted[i];
    if (s0 === undefined || s1 === undefined || s1.atUs <= s0.atUs) continue;
    // Δwait is in ns and the window in µs: compare them in the same unit.
    const windowNs = (s1.atUs - s0.atUs) * 1000;
    const waitNs = Math.max(0, s1.runQueueNs - s0.runQueueNs);
    windows.push({ startUs: s0.atUs, endUs: s1.atUs, waitFraction: Math.min(1, waitNs / windowNs) });
  }
  return windows;
}

function piece(lane: number, state: Span['state'], startUs: number, endUs: number, core: number | undefined): Span {
  return core === undefined ? { lane, state, startUs, endUs } : { lane, state, startUs, endUs, core };
}

/** Splits one running span against the windows, starting the scan at `first` (windows are sorted). */
function splitRunning(span: Span, windows: readonly WaitWindow[], first: number): Span[] {
  const out: Span[] = [];
  let cursorUs = span.startUs;
  for (let i = first; i < windows.length; i++) {
    const w = windows[i];
    if (w === undefined || w.startUs >= span.endUs) break;
    const fromUs = Math.max(cursorUs, w.startUs);
    const toUs = Math.min(span.endUs, w.endUs);
    if (toUs <= fromUs) continue;
    out.push(piece(span.lane, 'running', cursorUs, fromUs, span.core));
    const readyEndUs = fromUs + Math.round((toUs - fromUs) * w.waitFraction);
    out.push(piece(span.lane, 'ready', fromUs, readyEndUs, undefined));
    out.push(piece(span.lane, 'running', readyEndUs, toUs, span.core));
    cursorUs = toUs;
  }
  out.push(piece(span.lane, 'running', cursorUs, span.endUs, span.core));
  return out.filter((s) => s.endUs > s.startUs);
}

/** Merges touching spans of the same state and core; zero-length terminal markers stay apart. */
function mergeAdjacent(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const prev = out[out.length - 1];
    const mergeable =
      prev !== undefined &&
      prev.endUs === span.startUs &&
      prev.state === span.state &&
      prev.core === span.core &&
      !TERMINAL_STATES.has(span.state) &&
      span.endUs > span.startUs;
    if (mergeable) out[out.length - 1] = { ...prev, endUs: span.endUs };
    else out.push({ ...span });
  }
  return out;
}

function refineLane(spans: readonly Span[], windows: readonly WaitWindow[]): Span[] {
  // Sort by start, then end, so a zero-length marker precedes a span starting at the same µs.
  const sorted = [...spans].sort((a, b) => a.startUs - b.startUs || a.endUs - b.endUs);
  const pieces: Span[] = [];
  let first = 0;
  for (const span of sorted) {
    if (span.state !== 'running') {
      pieces.push(span);
      continue;
    }
    // Spans in a lane do not overlap, so windows ending before this span never matter again.
    while ((windows[first]?.endUs ?? Infinity) <= span.startUs) first++;
    pieces.push(...splitRunning(span, windows, first));
  }
  return mergeAdjacent(pieces);
}

/**
 * Splits each sampled lane's `running` spans into `ready` + `running` parts using its thread's
 * run-queue wait between samples (see the module comment for the model and its limits).
 * Non-running spans and lanes without at least two samples pass through unchanged. The output
 * is grouped by lane in order of first appearance; a refined lane is time-ordered, with
 * zero-length pieces dropped and touching same-state (and same-core) spans merged, and covers
 * exactly the time its input covered. Precondition: a lane's input spans do not overlap.
 */
export function refineWithSchedstat(spans: readonly Span[], samplesByLane: ReadonlyMap<number, readonly SchedSample[]>): Span[] {
  const byLane = new Map<number, Span[]>();
  for (const span of spans) {
    const lane = byLane.get(span.lane);
    if (lane === undefined) byLane.set(span.lane, [span]);
    else lane.push(span);
  }
  const out: Span[] = [];
  for (const [lane, laneSpans] of byLane) {
    const windows = waitWindows(samplesByLane.get(lane) ?? []);
    if (windows.length === 0) out.push(...laneSpans.map((s) => ({ ...s })));
    else out.push(...refineLane(laneSpans, windows));
  }
  return out;
}
