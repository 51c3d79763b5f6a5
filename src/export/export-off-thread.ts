import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkOutputTarget, tempOutputPath, toWire, wireBuffers, type Trace } from '../engine/index.js';
import { checkExportable } from './export-trace.js';
import { numberedName, type ExportAnswer, type ExportRequest } from './export-worker.js';

/** The built export thread (also when this module runs from source under vitest, as the real engine's entries). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const path = here.endsWith('.ts')
    ? fileURLToPath(new URL('../../dist/src/export/export-worker.js', import.meta.url))
    : fileURLToPath(new URL('./export-worker.js', import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}

/** Exports in progress: each thread and the temporary file it may have open. */
const running = new Map<Worker, string>();

/**
 * Writes an export on a thread of its own, so that rendering and writing a large trace never
 * block the dashboard's keys or signal handlers (q and SIGTERM still act at once). A trace over
 * the export limit, or a name the output rule refuses, is refused here, before it is copied; the
 * trace crosses in columns (see WireRun), so handing it over costs ≈ 0.1 µs a span. `subtitle`
 * is as in `exportTrace`.
 * @returns the line to show; rejects with the one-line reason of a refusal or failure.
 */
export function exportOffThread(
  trace: Trace,
  target: { path: string; force: boolean } | { numberedStem: string },
  subtitle: readonly string[] = [],
): Promise<string> {
  // Refusals that cost nothing are made here, before the trace is copied to a thread.
  if ('path' in target) checkOutputTarget(target.path, 'export', target.force);
  checkExportable(trace, '--export');
  const tempTag = randomBytes(4).toString('hex');
  const first = 'path' in target ? target.path : numberedName(target.numberedStem, 1);
  const runs = trace.runs.map((run) => toWire(run));
  return new Promise((resolve, reject) => {
    // No inherited flags: `-e SCRIPT` or `--input-type` belong to how we were started, not to the thread.
    const worker = new Worker(workerFile(), { execArgv: [] });
    // Quitting while an export runs must not wait for it (`stopExports` ends it and its file).
    worker.unref();
    running.set(worker, tempOutputPath(dirname(first), tempTag));
    const done = () => running.delete(worker);
    worker.once('message', (answer: ExportAnswer) => {
      done();
      void worker.terminate();
      if (answer.ok) resolve(answer.text);
      else reject(new Error(answer.error));
    });
    worker.once('error', (error) => {
      done();
      reject(error);
    });
    worker.postMessage({ trace: { ...trace, runs }, tempTag, subtitle: [...subtitle], ...target } satisfies ExportRequest, runs.flatMap(wireBuffers));
  });
}

/**
 * Ends every export in progress and removes its temporary file: the dashboard is quitting, and
 * an unfinished export leaves nothing behind (a finished one is already in place). The file is
 * removed once the thread has stopped, so it cannot be created after.
 */
export async function stopExports(): Promise<void> {
  const stopping = [...running].map(async ([worker, temp]) => {
    running.delete(worker);
    await worker.terminate();
    rmSync(temp, { force: true });
  });
  await Promise.all(stopping);
}
