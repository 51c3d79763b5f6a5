import { isEmulated, type Trace } from '../engine/index.js';
import { caption } from '../ui/render/caption.js';
import { describeParams } from './text-table.js';

/**
 * What an export for people says under its title: the heading of the report (`heading`, else
 * the workload and every emulator parameter) and, for emulated runs with a sequential one to
 * compare with, the dashboard's caption of what they show. Loaded with the exporters, when an
 * export is written: a command's flags never pay for the caption's code.
 */
export function exportSubtitle(trace: Trace, heading?: string): string[] {
  const params = trace.emulator;
  const lines = [heading ?? (params ? `${trace.workload} on ${describeParams(params)}` : trace.workload)];
  const emulated = trace.runs.filter(isEmulated);
  if (params && emulated.some((run) => run.strategy === 'sequential')) lines.push(caption({ ...trace, runs: emulated }, params));
  return lines;
}
