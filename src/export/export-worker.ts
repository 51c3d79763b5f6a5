import { parentPort } from 'node:worker_threads';
import { fromWire, type Run, type Trace, type WireRun } from '../engine/index.js';
import { exportTrace } from './export-trace.js';

/** A trace as it crosses to the export thread: its runs in columns (see WireRun). */
export type WireTrace = Omit<Trace, 'runs'> & { runs: WireRun<Run>[] };

/**
 * What the dashboard asks of an export thread: the trace, a file name or a numbered stem, and
 * the tag of the temporary file (the dashboard removes it if it stops the thread).
 */
export type ExportRequest = { trace: WireTrace; tempTag: string; subtitle: string[] } & ({ path: string; force: boolean } | { numberedStem: string });

/** Its answer: the line to show, or the one-line reason it failed. */
export type ExportAnswer = { ok: true; text: string } | { ok: false; error: string };

/** The `n`th numbered name of a stem (`concur-tui-count-` → `concur-tui-count-3.json`). */
export const numberedName = (stem: string, n: number) => `${stem}${n}.json`;

function answer(request: ExportRequest): ExportAnswer {
  try {
    const target = 'path' in request ? request.path : { numbered: (n: number) => numberedName(request.numberedStem, n) };
    const trace: Trace = { ...request.trace, runs: request.trace.runs.map((run) => fromWire(run)) };
    return { ok: true, text: exportTrace(trace, target, { force: 'path' in request && request.force, tempTag: request.tempTag, subtitle: request.subtitle }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

// One request per thread: the dashboard starts a thread for an export and ends it after.
parentPort?.once('message', (request: ExportRequest) => parentPort?.postMessage(answer(request)));
