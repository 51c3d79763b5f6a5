import type { Trace } from '../engine/index.js';

/** The CSV header: one column per field of a span, plus its run and its lane's names. */
export const CSV_COLUMNS = ['source', 'strategy', 'lane', 'task', 'group', 'state', 'start_us', 'end_us', 'duration_us', 'core'] as const;

/**
 * Writes every span as one CSV row, runs in trace order and spans in run order (RFC 4180:
 * CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled).
 * `lane` is the lane's id, `task` its name and `group` its thread or process; `core` is empty
 * when the span ran on no core. Times are integer microseconds from the run's start.
 */
export function traceToCsv(trace: Trace): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const run of trace.runs) {
    for (const span of run.spans) {
      const lane = run.lanes[span.lane];
      const fields = [
        run.source,
        run.strategy,
        String(span.lane),
        lane?.name ?? '',
        lane?.group ?? '',
        span.state,
        String(span.startUs),
        String(span.endUs),
        String(span.endUs - span.startUs),
        span.core === undefined ? '' : String(span.core),
      ];
      rows.push(fields.map(csvField).join(','));
    }
  }
  // RFC 4180 allows the last record without a line break; spreadsheets and `wc -l` prefer one.
  return `${rows.join('\r\n')}\r\n`;
}

/** Quotes a field only when RFC 4180 requires it, so plain numbers stay plain. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
