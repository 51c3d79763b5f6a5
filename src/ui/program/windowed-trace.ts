import type { Run, Trace } from '../../engine/index.js';
import { tickLabel } from '../render/time-axis.js';
import type { ShownWindow } from '../state/view-window.js';

/** A run's spans and instants within the window, spans cut at its edges (times stay the run's own). */
function windowedRun<R extends Run>(run: R, { startUs, endUs }: ShownWindow): R {
  const spans = run.spans
    .filter((span) => (span.endUs === span.startUs ? span.startUs >= startUs && span.startUs <= endUs : span.endUs > startUs && span.startUs < endUs))
    .map((span) =>
      span.startUs >= startUs && span.endUs <= endUs ? span : { ...span, startUs: Math.max(startUs, span.startUs), endUs: Math.min(endUs, span.endUs) },
    );
  const instants = run.instants.filter((instant) => instant.atUs >= startUs && instant.atUs <= endUs);
  return { ...run, spans, instants };
}

/**
 * What `e` exports of a zoomed dashboard: the window on screen. The spans are cut at the
 * window's edges and keep the runs' times (an exporter draws from `window.startUs`); the runs'
 * figures and task metrics stay those of the whole runs, and a note says so.
 */
export function windowedTrace(trace: Trace, window: ShownWindow): Trace {
  // To the µs: a zoomed window is narrow, and where it starts matters.
  const at = (us: number) => tickLabel(us, 1);
  const note = `the window ${at(window.startUs)}–${at(window.endUs)} of the runs (zoomed in the dashboard); the figures are the whole runs'`;
  return {
    ...trace,
    runs: trace.runs.map((run) => windowedRun(run, window)),
    window: { startUs: window.startUs, endUs: window.endUs },
    notes: [...trace.notes, note],
  };
}
