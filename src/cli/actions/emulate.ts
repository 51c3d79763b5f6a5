import { emulate, EMULATED_STRATEGIES, type Trace } from '../../engine/index.js';
import { checkExportable } from '../../export/export-trace.js';
import { traceJsonValue } from '../../export/trace-json.js';
import { emulatorCalibration, presetRemark, resolveInput, resolveParams, type EmulatorFlags } from '../emulator-options.js';
import { checkExportPath, exportIfAsked, type ExportFlags } from '../export-options.js';
import { inFlagWords } from '../refusal-words.js';
import { formatRunTable } from '../text-table.js';
import { parseChoiceList } from '../values.js';

export interface EmulateFlags extends EmulatorFlags, ExportFlags {
  strategy?: string | undefined;
  json?: boolean | undefined;
}

/** Builds the trace that `emulate` shows. */
export function emulateFromFlags(flags: EmulateFlags): Trace {
  const input = resolveInput(flags, emulatorCalibration(flags));
  const params = resolveParams(flags, input.workload);
  const strategies = parseChoiceList(flags.strategy ?? 'all', 'strategy', EMULATED_STRATEGIES);
  const trace = inFlagWords(() => emulate(input, strategies, params));
  const remark = presetRemark(flags);
  if (remark) trace.notes.unshift(`${flags.interpreter}: ${remark}`);
  return trace;
}

/** `concur-tui emulate`: the table (or the trace as JSON) of the emulated strategies. */
export async function runEmulate(flags: EmulateFlags): Promise<void> {
  checkExportPath(flags);
  const trace = emulateFromFlags(flags);
  if (flags.json) checkExportable(trace, '--json');
  await exportIfAsked(trace, flags);
  process.stdout.write(flags.json ? `${JSON.stringify(traceJsonValue(trace))}\n` : `${formatRunTable(trace)}\n`);
}
