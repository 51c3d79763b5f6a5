import { emulate, EMULATED_STRATEGIES, type Trace } from '../../engine/emulation-door.js';
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
  // The JSON and export code loads only when asked for: the table needs neither (issue 15: start-up).
  const json = flags.json ? await traceJson(trace) : null;
  await exportIfAsked(trace, flags);
  process.stdout.write(json ?? `${formatRunTable(trace)}\n`);
}

/** The trace as --json prints it, refused as an export is when it is too big. */
async function traceJson(trace: Trace): Promise<string> {
  const [{ checkExportable }, { traceJsonValue }] = await Promise.all([import('../../export/export-trace.js'), import('../../export/trace-json.js')]);
  checkExportable(trace, '--json');
  return `${JSON.stringify(traceJsonValue(trace))}\n`;
}
