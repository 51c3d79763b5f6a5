import { basename } from 'node:path';

/**
 * File extensions `exportTrace` understands; `.trace.json` (Chrome/Perfetto) wins over `.json`.
 * Apart from the exporters, so that a command's flags (`--export`) name them without loading one.
 */
export const EXPORT_FORMATS = ['.json', '.csv', '.trace.json', '.svg', '.html'] as const;

/** One of EXPORT_FORMATS. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The format a path asks for, by its extension (case-insensitive), or undefined.
 * Longer extensions are tried first, so `run.trace.json` is a Chrome trace, not plain JSON.
 */
export function exportFormatOf(path: string): ExportFormat | undefined {
  const name = basename(path).toLowerCase();
  return [...EXPORT_FORMATS].sort((a, b) => b.length - a.length).find((ext) => name.endsWith(ext) && name.length > ext.length);
}
