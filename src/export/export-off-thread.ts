import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkOutputTarget, type Trace } from '../engine/index.js';
import { checkExportable } from './export-trace.js';
import type { ExportAnswer, ExportRequest } from './export-worker.js';

/** The built export thread (also when this module runs from source under vitest, as the real engine's entries). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const path = here.endsWith('.ts')
    ? fileURLToPath(new URL('../../dist/src/export/export-worker.js', import.meta.url))
    : fileURLToPath(new URL('./export-worker.js', import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}

/**
 * Writes an export on a thread of its own, so that rendering and writing a large trace never
 * block the dashboard's keys or signal handlers (q and SIGTERM still act at once). A trace over
 * the export limit, or a name the output rule refuses, is refused here, before it is copied.
 * @returns the line to show; rejects with the one-line reason of a refusal or failure.
 */
export function exportOffThread(trace: Trace, target: { path: string; force: boolean } | { numberedStem: string }): Promise<string> {
  // Refusals that cost nothing are made here, before the trace is copied to a thread.
  if ('path' in target) checkOutputTarget(target.path, 'export', target.force);
  checkExportable(trace, '--export');
  return new Promise((resolve, reject) => {
    // No inherited flags: `-e SCRIPT` or `--input-type` belong to how we were started, not to the thread.
    const worker = new Worker(workerFile(), { execArgv: [] });
    // Quitting while an export runs must not wait for it; its temporary file is then left, never named.
    worker.unref();
    worker.once('message', (answer: ExportAnswer) => {
      void worker.terminate();
      if (answer.ok) resolve(answer.text);
      else reject(new Error(answer.error));
    });
    worker.once('error', reject);
    worker.postMessage({ trace, ...target } satisfies ExportRequest);
  });
}
