import type { Span } from './trace.js';

/**
 * Holds a real run's picture to the machine it had: at no instant are more lanes `running` than
 * the run had cores (its CPU affinity). The kernel's counters are read every few ms, and within
 * one reading the order of events is unknown, so two lanes' refined `running` parts can overlap
 * where only one core existed. Where they would, the lane that was already running keeps the
 * core, and the later one is `ready` (runnable, waiting for a core) until a core frees.
 * Each lane's spans stay within their old extent, so a lane's spans still never overlap.
 */
export function limitRunning(spans: readonly Span[], cores: number): { spans: Span[]; changed: boolean } {
  const running = spans.filter((span) => span.state === 'running');
  // A lane's spans never overlap, so with no more running lanes than cores no instant has too
  // many: most runs (as many tasks as cores) skip the sort and sweep on every live frame.
  if (new Set(running.map((span) => span.lane)).size <= cores) return { spans: [...spans], changed: false };
  running.sort(byStart);
  const out: Span[] = spans.filter((span) => span.state !== 'running');
  /** Ends of the running spans now holding a core. */
  const holding: number[] = [];
  let changed = false;
  // `running` stays sorted by start: a postponed remainder is inserted at its new start.
  for (let i = 0; i < running.length; i++) {
    const span = running[i]!;
    for (let h = holding.length - 1; h >= 0; h--) if (holding[h]! <= span.startUs) holding.splice(h, 1);
    if (holding.length < cores) {
      holding.push(span.endUs);
      out.push(span);
      continue;
    }
    changed = true;
    const freeAtUs = Math.min(...holding);
    out.push({ lane: span.lane, state: 'ready', startUs: span.startUs, endUs: Math.min(freeAtUs, span.endUs) });
    if (freeAtUs < span.endUs) insertSorted(running, i + 1, { ...span, startUs: freeAtUs });
  }
  return changed ? { spans: mergeLanes(out), changed } : { spans: [...spans], changed };
}

function byStart(a: Span, b: Span): number {
  return a.startUs - b.startUs || a.lane - b.lane;
}

function insertSorted(list: Span[], from: number, span: Span): void {
  let at = from;
  while (at < list.length && byStart(list[at]!, span) <= 0) at++;
  list.splice(at, 0, span);
}

/** Each lane's spans in time order, with touching spans of one state joined (as every Trace keeps them). */
function mergeLanes(spans: Span[]): Span[] {
  spans.sort((a, b) => a.lane - b.lane || a.startUs - b.startUs || a.endUs - b.endUs);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (span.endUs === span.startUs && span.state !== 'done' && span.state !== 'failed') continue;
    if (last && last.lane === span.lane && last.state === span.state && last.endUs === span.startUs && last.core === span.core) last.endUs = span.endUs;
    else merged.push({ ...span });
  }
  return merged;
}
