import { UsageError, checkOutputTarget, quoteName, writeOutputFile, type OutputName, type Trace } from '../engine/index.js';
import { traceToChromeTrace } from './chrome-trace.js';
import { traceToHtml } from './html-page.js';
import { traceToSvg } from './svg-gantt.js';
import { traceToCsv } from './trace-csv.js';
import { traceToJson } from './trace-json.js';
import { EXPORT_FORMATS, exportFormatOf, type ExportFormat } from './export-formats.js';

export { EXPORT_FORMATS, exportFormatOf, type ExportFormat } from './export-formats.js';

/** Lines that say what a trace is and what it shows: the formats made for people (SVG, HTML) show them. */
export type Subtitle = readonly string[];

const RENDER: Record<ExportFormat, (trace: Trace, subtitle: Subtitle) => string> = {
  '.json': traceToJson,
  '.csv': traceToCsv,
  '.trace.json': traceToChromeTrace,
  '.svg': (trace, subtitle) => traceToSvg(trace, { subtitle }),
  '.html': traceToHtml,
};

/**
 * The most spans one export (or `--json`) holds: about 70 MB of JSON, written in a few seconds.
 * An emulation may have far more (a 1 µs slice makes millions), and rendering those ran out of
 * memory or string length after a minute, freezing the dashboard meanwhile: refused up front.
 */
export const MAX_EXPORT_SPANS = 500_000;

/** The spans of all runs of `trace`. */
export function spanCount(trace: Trace): number {
  return trace.runs.reduce((sum, run) => sum + run.spans.length, 0);
}

/**
 * Refuses a trace too large to export, naming the limit and what to change, before any text is
 * built. @param what the output that would hold it, e.g. `--export` or `--json`.
 */
export function checkExportable(trace: Trace, what: string): void {
  const spans = spanCount(trace);
  if (spans <= MAX_EXPORT_SPANS) return;
  const count = (n: number) => n.toLocaleString('en-US');
  throw new UsageError(
    `${what}: the trace has ${count(spans)} spans, more than the limit of ${count(MAX_EXPORT_SPANS)} for one export; use a longer --quantum, shorter tasks or fewer strategies`,
  );
}

/** Options of `exportTrace`. */
export interface ExportOptions {
  /** Replace an existing regular file or link (`--force`). */
  force: boolean;
  /** Names the temporary file (see `tempOutputPath`), so that whoever stops this export can remove it. */
  tempTag?: string;
  /** The parameters and the caption, under the title of an SVG or HTML page (see `Subtitle`). */
  subtitle?: Subtitle;
}

/**
 * Writes `trace` to `path` in the format its extension names (see EXPORT_FORMATS), under the
 * one output rule (`writeOutputFile`): to a temporary file, then claimed by name, so a reader
 * never sees half a file, a failed export leaves nothing behind, and of two exports to one new
 * name exactly one wins. A numbered name (key `e`) takes the first free number.
 * @returns a one-line description for the user, e.g. `wrote 123 spans to out.csv`.
 * @throws UsageError for an unknown extension, a refused name (see `checkOutputTarget`) or a
 *   file-system error; OutputWriteError for a full disk. Always one line.
 */
export function exportTrace(trace: Trace, name: string | OutputName, { force, tempTag, subtitle = [] }: ExportOptions = { force: false }): string {
  const target: OutputName = typeof name === 'string' ? { path: name, force } : name;
  const first = 'path' in target ? target.path : target.numbered(1);
  const format = exportFormatOf(first);
  if (format === undefined) {
    throw new UsageError(`${quoteName(first)}: unknown export format (use one of ${EXPORT_FORMATS.join(', ')})`);
  }
  // Before rendering, so a refusal costs nothing (the claim checks again).
  if ('path' in target) checkOutputTarget(target.path, 'export', target.force);
  checkExportable(trace, '--export');
  const path = writeOutputFile(target, [RENDER[format](trace, subtitle)], 'export', tempTag);
  const spans = spanCount(trace);
  const runs = trace.runs.length === 1 ? '1 run' : `${trace.runs.length} runs`;
  const hint = format === '.trace.json' ? ' (open it in ui.perfetto.dev)' : '';
  return `wrote ${spans} spans of ${runs} to ${quoteName(path)}${hint}`;
}
