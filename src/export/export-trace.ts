import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { UsageError, type Trace } from '../engine/index.js';
import { traceToChromeTrace } from './chrome-trace.js';
import { traceToSvg } from './svg-gantt.js';
import { traceToCsv } from './trace-csv.js';
import { traceToJson } from './trace-json.js';

/** File extensions `exportTrace` understands; `.trace.json` (Chrome/Perfetto) wins over `.json`. */
export const EXPORT_FORMATS = ['.json', '.csv', '.trace.json', '.svg'] as const;

/** One of EXPORT_FORMATS. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const RENDER: Record<ExportFormat, (trace: Trace) => string> = {
  '.json': traceToJson,
  '.csv': traceToCsv,
  '.trace.json': traceToChromeTrace,
  '.svg': (trace) => traceToSvg(trace),
};

/**
 * The format a path asks for, by its extension (case-insensitive), or undefined.
 * Longer extensions are tried first, so `run.trace.json` is a Chrome trace, not plain JSON.
 */
export function exportFormatOf(path: string): ExportFormat | undefined {
  const name = basename(path).toLowerCase();
  return [...EXPORT_FORMATS].sort((a, b) => b.length - a.length).find((ext) => name.endsWith(ext) && name.length > ext.length);
}

/** Options of `exportTrace`. */
export interface ExportOptions {
  /** Replace an existing file (`--force`). */
  force: boolean;
}

/**
 * Writes `trace` to `path` in the format its extension names (see EXPORT_FORMATS). The file is
 * written atomically: to a temporary file in the same directory, then renamed over `path`, so a
 * reader never sees half a file and a failed export leaves nothing behind.
 * @returns a one-line description for the user, e.g. `wrote 123 spans to out.csv`.
 * @throws UsageError for an unknown extension, a missing directory, an existing file without
 *   `force`, or a file system error (permissions, full disk), always as one line.
 */
export function exportTrace(trace: Trace, path: string, { force }: ExportOptions): string {
  const format = exportFormatOf(path);
  if (format === undefined) {
    throw new UsageError(`${path}: unknown export format (use one of ${EXPORT_FORMATS.join(', ')})`);
  }
  const dir = dirname(path);
  if (!isDirectory(dir)) throw new UsageError(`${dir}: no such directory (for ${path})`);
  if (existsSync(path)) {
    if (isDirectory(path)) throw new UsageError(`${path} is a directory`);
    // A check before the rename leaves a window for a concurrent writer; acceptable for a CLI
    // export, and it keeps the write a plain rename on every file system.
    if (!force) throw new UsageError(`${path} exists; use --force to overwrite`);
  }
  const text = RENDER[format](trace);
  // A short temporary name: the user's own name may already be near the file system's limit.
  const temp = join(dir, `.concur-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was created (the name itself was refused): nothing to remove.
    }
    // Errors with a code come from the file system (permissions, a full disk): the user's to fix.
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new UsageError(`${path}: cannot write (${(error as Error).message.split('\n')[0]})`);
  }
  const spans = trace.runs.reduce((sum, run) => sum + run.spans.length, 0);
  const runs = trace.runs.length === 1 ? '1 run' : `${trace.runs.length} runs`;
  const hint = format === '.trace.json' ? ' (open it in ui.perfetto.dev)' : '';
  return `wrote ${spans} spans of ${runs} to ${path}${hint}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
