import type { Run, Span } from '../engine/index.js';
import type { ChromeTraceEvent } from './chrome-trace.js';
import { partitionPoint } from '../engine/partition-point.js';

/**
 * The tracks of a run's Chrome trace beyond its lanes: one per core (what ran there), one for
 * the GIL's holder, and flow arrows from the thread that gave the GIL up to the one that took
 * it. Thread ids follow the lanes (1…n) and the "(no task)" track (0): the GIL holder is n + 1,
 * core c is n + 2 + c, so every track keeps its place whatever the run holds.
 */

/** The GIL holder's track id in a run of `laneCount` lanes. */
export const gilHolderTid = (laneCount: number): number => laneCount + 1;

/** Core `core`'s track id in a run of `laneCount` lanes. */
export const coreTid = (laneCount: number, core: number): number => laneCount + 2 + core;

/** A track's name and place, as metadata events. */
function track(pid: number, tid: number, name: string): ChromeTraceEvent[] {
  return [
    { ph: 'M', name: 'thread_name', pid, tid, args: { name } },
    { ph: 'M', name: 'thread_sort_index', pid, tid, args: { sort_index: tid } },
  ];
}

/** Every span that ran on a core, on that core's track, named after its lane (as Perfetto's CPU tracks). */
export function coreTrackEvents(run: Run, pid: number): ChromeTraceEvent[] {
  const onCores = run.spans.filter((span) => span.core !== undefined && span.endUs > span.startUs);
  const cores = [...new Set(onCores.map((span) => span.core!))].sort((a, b) => a - b);
  const laneCount = run.lanes.length;
  return [
    ...cores.flatMap((core) => track(pid, coreTid(laneCount, core), `core ${core}`)),
    ...onCores.map(
      (span): ChromeTraceEvent => ({
        ph: 'X',
        name: run.lanes[span.lane]?.name ?? `lane ${span.lane}`,
        cat: span.state,
        pid,
        tid: coreTid(laneCount, span.core!),
        ts: span.startUs,
        dur: span.endUs - span.startUs,
        args: { core: span.core! },
      }),
    ),
  ];
}

/**
 * Who holds the GIL, for a run whose threads handed it over: under a GIL only the holder runs
 * Python, so the holder's slices are the run's `running` spans, named after their lane. A run
 * without hand-offs has no GIL shared by two tasks (none, or one per process) and gets no track.
 * Real runs are sampled, so two lanes may overlap by a sample: the later holder is shown from
 * the moment the earlier one stopped, keeping one holder at a time.
 */
export function gilHolderEvents(run: Run, pid: number): ChromeTraceEvent[] {
  if (run.instants.length === 0) return [];
  const tid = gilHolderTid(run.lanes.length);
  const events = track(pid, tid, 'GIL holder');
  let freeUs = Number.NEGATIVE_INFINITY;
  for (const span of runningByStart(run)) {
    const startUs = Math.max(span.startUs, freeUs);
    if (span.endUs <= startUs) continue;
    const name = run.lanes[span.lane]?.name ?? `lane ${span.lane}`;
    events.push({ ph: 'X', name, cat: 'gil', pid, tid, ts: startUs, dur: span.endUs - startUs, args: {} });
    freeUs = span.endUs;
  }
  return events;
}

/**
 * A flow arrow per GIL hand-off to a task: it starts inside the giver's last `running` slice
 * before the hand-off (the holder before it) and ends at the taker's next slice (Perfetto binds
 * a flow end to the next slice on its track). A hand-off with no giver before it is left out.
 * @param firstId the first flow id to use; ids must be unique in the whole trace.
 */
export function handoffFlowEvents(run: Run, pid: number, firstId: number): ChromeTraceEvent[] {
  const running = runningByStart(run);
  const events: ChromeTraceEvent[] = [];
  let id = firstId;
  for (const instant of run.instants) {
    if (instant.lane < 0) continue;
    const giver = lastRunningBefore(running, instant.atUs, instant.lane);
    if (giver === undefined) continue;
    // Half a µs inside the giver's slice: a flow starts in the slice open at its timestamp.
    const fromUs = Math.max(giver.startUs, Math.min(giver.endUs, instant.atUs) - 0.5);
    events.push(
      { ph: 's', name: 'gil-handoff', cat: 'gil', id, pid, tid: giver.lane + 1, ts: fromUs },
      { ph: 'f', name: 'gil-handoff', cat: 'gil', id, pid, tid: instant.lane + 1, ts: instant.atUs },
    );
    id++;
  }
  return events;
}

function runningByStart(run: Run): Span[] {
  return run.spans.filter((span) => span.state === 'running' && span.lane >= 0 && span.endUs > span.startUs).sort((a, b) => a.startUs - b.startUs);
}

/** The `running` span of another lane than `taker` that started last before `atUs` (binary search, then back). */
function lastRunningBefore(running: readonly Span[], atUs: number, taker: number): Span | undefined {
  const low = partitionPoint(running.length, (i) => running[i]!.startUs < atUs);
  for (let i = low - 1; i >= 0; i--) if (running[i]!.lane !== taker) return running[i];
  return undefined;
}
