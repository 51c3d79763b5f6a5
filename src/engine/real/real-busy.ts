import type { Span } from '../trace.js';

/**
 * Core time a real run used: its lanes' running time, plus start-up counted once however many
 * lanes waited for it (a hundred tasks queued behind one starting pool are not a hundred cores).
 */
export function realBusyUs(spans: readonly Span[]): number {
  let running = 0;
  const spawns: [number, number][] = [];
  for (const span of spans) {
    if (span.state === 'running') running += span.endUs - span.startUs;
    else if (span.state === 'spawn') spawns.push([span.startUs, span.endUs]);
  }
  spawns.sort((a, b) => a[0] - b[0]);
  let union = 0;
  let coveredTo = Number.NEGATIVE_INFINITY;
  for (const [start, end] of spawns) {
    if (end <= coveredTo) continue;
    union += end - Math.max(start, coveredTo);
    coveredTo = end;
  }
  return running + union;
}
