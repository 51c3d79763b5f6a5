import { parentPort } from 'node:worker_threads';
import type { Trace } from '../engine/index.js';
import { exportTrace } from './export-trace.js';

/** What the dashboard asks of an export thread: the trace, and a file name or a numbered stem. */
export type ExportRequest = { trace: Trace } & ({ path: string; force: boolean } | { numberedStem: string });

/** Its answer: the line to show, or the one-line reason it failed. */
export type ExportAnswer = { ok: true; text: string } | { ok: false; error: string };

function answer(request: ExportRequest): ExportAnswer {
  try {
    const target = 'path' in request ? request.path : { numbered: (n: number) => `${request.numberedStem}${n}.json` };
    return { ok: true, text: exportTrace(request.trace, target, { force: 'path' in request && request.force }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

// One request per thread: the dashboard starts a thread for an export and ends it after.
parentPort?.once('message', (request: ExportRequest) => parentPort?.postMessage(answer(request)));
