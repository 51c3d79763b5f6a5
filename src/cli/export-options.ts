import type { Options } from 'yargs';
import { UsageError, quoteName, type Trace } from '../engine/descriptors.js';
import { EXPORT_FORMATS, exportFormatOf } from '../export/export-formats.js';
import { checkFileName, checkOutputPath } from './output-path.js';

export const EXPORT_OPTIONS = {
  export: { type: 'string', requiresArg: true, describe: `write the trace to FILE: ${EXPORT_FORMATS.join(', ')} (by extension)` },
  force: { type: 'boolean', describe: 'overwrite an existing --export file' },
} as const satisfies Record<string, Options>;

export type ExportFlags = { export?: string | undefined; force?: boolean | undefined };

/** Checks --export's name and extension before any work is done, so a typo costs nothing. */
export function checkExportFormat(flags: ExportFlags): void {
  if (flags.export === undefined) return;
  checkFileName(flags.export, 'export');
  if (!exportFormatOf(flags.export)) {
    const extensions = `${EXPORT_FORMATS.slice(0, -1).join(', ')} or ${EXPORT_FORMATS.at(-1)}`;
    throw new UsageError(`--export: the format comes from the extension; end ${quoteName(flags.export)} with ${extensions}`);
  }
}

/** Checks --export (name, extension, directory, no file in the way without --force) before any work is done. */
export function checkExportPath(flags: ExportFlags): void {
  checkExportFormat(flags);
  if (flags.export !== undefined) checkOutputPath(flags.export, 'export', flags.force ?? false);
}

/**
 * Writes the trace when --export was given; the message goes to stderr, stdout stays the report.
 * The exporters load only here: a command's flags (and --help) never pay for them.
 * @param heading the report's heading, when it is not the emulator's parameters (a real run's).
 */
export async function exportIfAsked(trace: Trace, flags: ExportFlags, heading?: string): Promise<void> {
  if (flags.export === undefined) return;
  const [{ exportTrace }, { exportSubtitle }] = await Promise.all([import('../export/export-trace.js'), import('./export-subtitle.js')]);
  const subtitle = exportSubtitle(trace, heading);
  process.stderr.write(`${exportTrace(trace, flags.export, { force: flags.force ?? false, subtitle })}\n`);
}

/**
 * The dashboard's `e` key: to --export's file (again only with --force), or else to the first
 * free `concur-tui-SCENARIO-N.json` in the current directory (claimed atomically), so nothing
 * is ever overwritten. The export runs on a thread of its own: the dashboard stays live.
 */
export function dashboardExporter(flags: ExportFlags): (trace: Trace) => Promise<string> {
  return async (trace) => {
    // The number is claimed when the file is linked into place, so two dashboards never share one.
    const target = flags.export === undefined ? { numberedStem: `concur-tui-${trace.workload}-` } : { path: flags.export, force: flags.force ?? false };
    try {
      const [{ exportOffThread }, { exportSubtitle }] = await Promise.all([import('../export/export-off-thread.js'), import('./export-subtitle.js')]);
      return await exportOffThread(trace, target, exportSubtitle(trace));
    } catch (error) {
      return `export failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
}
