import type { Run, Span } from '../../engine/index.js';

/**
 * How the lanes of a run take turns on one core, measured: a turn is a lane's running time until
 * another lane runs, so a slice the OS hands straight back (the other thread found the GIL held)
 * belongs to the turn it continues. The result is the slices of the most common whole turn, e.g.
 * [4000, 8000]; each lane's last turn (cut short when its work ran out) and turns that ended in
 * I/O are left out. Null when the lanes never took turns.
 */
export function typicalTurnUs(run: Run): number[] | null {
  // By the spans, all a turn is measured from: a key that changes only a run's setup record presents it as a new run object with the same spans.
  const known = turnCache.get(run.spans);
  if (known !== undefined) return known;
  const turn = measureTurn(run);
  turnCache.set(run.spans, turn);
  return turn;
}

const turnCache = new WeakMap<readonly Span[], number[] | null>();

function measureTurn(run: Run): number[] | null {
  const running = run.spans.filter((span) => span.state === 'running' && span.endUs > span.startUs).sort((a, b) => a.startUs - b.startUs);
  const preempted = preemptedSlices(run);
  const turns: { lane: number; slicesUs: number[]; preempted: boolean }[] = [];
  for (const span of running) {
    const last = turns.at(-1);
    if (last?.lane === span.lane) last.slicesUs.push(span.endUs - span.startUs);
    else turns.push({ lane: span.lane, slicesUs: [span.endUs - span.startUs], preempted: false });
    turns.at(-1)!.preempted = preempted.has(span);
  }
  const lastTurn = new Map(turns.map((turn, i) => [turn.lane, i]));
  const counts = new Map<string, { slicesUs: number[]; count: number }>();
  turns.forEach((turn, i) => {
    // A turn that ended in I/O was the task's choice, not the scheduler's: it says nothing of slices.
    if (lastTurn.get(turn.lane) === i || !turn.preempted) return;
    const key = turn.slicesUs.join('+');
    const seen = counts.get(key) ?? { slicesUs: turn.slicesUs, count: 0 };
    counts.set(key, { ...seen, count: seen.count + 1 });
  });
  let best: { slicesUs: number[]; count: number } | null = null;
  for (const candidate of counts.values()) if (best === null || candidate.count > best.count) best = candidate;
  return best?.slicesUs ?? null;
}

/** Running spans after which their lane still wanted a core or the GIL (ready, gil-wait): taken away, not given up. */
function preemptedSlices(run: Run): Set<Span> {
  const byLane = new Map<number, Span[]>();
  for (const span of run.spans) {
    const spans = byLane.get(span.lane);
    if (spans) spans.push(span);
    else byLane.set(span.lane, [span]);
  }
  const preempted = new Set<Span>();
  for (const spans of byLane.values()) {
    spans.sort((a, b) => a.startUs - b.startUs);
    spans.forEach((span, i) => {
      const next = spans[i + 1]?.state;
      if (span.state === 'running' && (next === 'ready' || next === 'gil-wait')) preempted.add(span);
    });
  }
  return preempted;
}
