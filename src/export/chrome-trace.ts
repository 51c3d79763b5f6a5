import { TERMINAL_STATES, type Run, type Trace } from '../engine/index.js';
import { coreTrackEvents, gilHolderEvents, handoffFlowEvents } from './chrome-trace-tracks.js';

/**
 * One event of the Chrome Trace Event Format (the JSON Object Format that chrome://tracing and
 * ui.perfetto.dev open). Only the phases this exporter writes: `M` metadata, `X` complete, `i`
 * instant, and `s`/`f` the start and end of a flow arrow (matched by `id`).
 */
export type ChromeTraceEvent =
  | { ph: 'M'; name: 'process_name' | 'process_sort_index'; pid: number; args: { name: string } | { sort_index: number } }
  | { ph: 'M'; name: 'thread_name' | 'thread_sort_index'; pid: number; tid: number; args: { name: string } | { sort_index: number } }
  | { ph: 'X'; name: string; cat: string; pid: number; tid: number; ts: number; dur: number; args: { core?: number } }
  | { ph: 'i'; s: 't' | 'p'; name: string; cat: string; pid: number; tid: number; ts: number; args?: { error: string } }
  | { ph: 's' | 'f'; name: string; cat: string; id: number; pid: number; tid: number; ts: number };

/** The whole document: events plus the settings and metadata the viewers read. */
export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  /** Viewers show times in ms; the events themselves are in µs, as the format requires. */
  displayTimeUnit: 'ms';
  /** Free-form metadata, shown by Perfetto under "Info and stats". */
  otherData: Record<string, string>;
}

/** The thread id of GIL hand-offs to no task (an idle pool thread): lanes start at tid 1. */
const NO_LANE_TID = 0;

/**
 * Builds the Chrome trace of every run: one process per run (pid = run index + 1, named
 * `source strategy`), one thread per lane (tid = lane id + 1, named after the lane), a complete
 * event per span that lasts, an instant per `done`/`failed` marker, and a process-wide instant
 * per GIL hand-off; then a track per core, one for the GIL's holder and a flow arrow per hand-off
 * (chrome-trace-tracks.ts). Timestamps are the run's own µs, so every run starts at 0 and runs overlay.
 */
export function chromeTrace(trace: Trace): ChromeTrace {
  let flowId = 1;
  const traceEvents = trace.runs.flatMap((run, index) => {
    const pid = index + 1;
    const flows = handoffFlowEvents(run, pid, flowId);
    flowId += flows.length / 2;
    return [...runEvents(run, pid), ...gilHolderEvents(run, pid), ...coreTrackEvents(run, pid), ...flows];
  });
  const otherData: Record<string, string> = { generator: 'concur-tui', workload: trace.workload };
  if (trace.emulator) {
    otherData.emulator = Object.entries(trace.emulator)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' ');
  }
  if (trace.notes.length > 0) otherData.notes = trace.notes.join('\n');
  return { traceEvents, displayTimeUnit: 'ms', otherData };
}

/**
 * `chromeTrace` as text: one event per line, so a diff or `grep` of two exports stays readable,
 * while the file is still a single JSON object.
 */
export function traceToChromeTrace(trace: Trace): string {
  const { traceEvents, ...rest } = chromeTrace(trace);
  const head = JSON.stringify(rest).slice(1, -1);
  return `{"traceEvents":[\n${traceEvents.map((event) => JSON.stringify(event)).join(',\n')}\n],${head}}\n`;
}

function runEvents(run: Run, pid: number): ChromeTraceEvent[] {
  const events: ChromeTraceEvent[] = [
    { ph: 'M', name: 'process_name', pid, args: { name: `${run.source} ${run.strategy}` } },
    // Viewers otherwise sort processes by pid as text or by activity; keep the trace's order.
    { ph: 'M', name: 'process_sort_index', pid, args: { sort_index: pid } },
  ];
  for (const lane of run.lanes) {
    const tid = lane.id + 1;
    events.push(
      { ph: 'M', name: 'thread_name', pid, tid, args: { name: lane.name } },
      { ph: 'M', name: 'thread_sort_index', pid, tid, args: { sort_index: tid } },
    );
  }
  if (run.instants.some((instant) => instant.lane < 0)) {
    events.push(
      { ph: 'M', name: 'thread_name', pid, tid: NO_LANE_TID, args: { name: '(no task)' } },
      { ph: 'M', name: 'thread_sort_index', pid, tid: NO_LANE_TID, args: { sort_index: run.lanes.length + 1 } },
    );
  }
  for (const span of run.spans) {
    const tid = span.lane + 1;
    if (TERMINAL_STATES.has(span.state)) {
      const error = span.state === 'failed' ? run.tasks[span.lane]?.error : undefined;
      const marker: ChromeTraceEvent = { ph: 'i', s: 't', name: span.state, cat: span.state, pid, tid, ts: span.startUs };
      events.push(error === undefined ? marker : { ...marker, args: { error } });
    } else if (span.endUs > span.startUs) {
      const args = span.core === undefined ? {} : { core: span.core };
      events.push({ ph: 'X', name: span.state, cat: span.state, pid, tid, ts: span.startUs, dur: span.endUs - span.startUs, args });
    }
  }
  for (const instant of run.instants) {
    const tid = instant.lane < 0 ? NO_LANE_TID : instant.lane + 1;
    events.push({ ph: 'i', s: 'p', name: 'gil-handoff', cat: 'gil', pid, tid, ts: instant.atUs });
  }
  return events;
}
