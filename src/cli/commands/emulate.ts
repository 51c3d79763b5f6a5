import type { Argv } from 'yargs';
import { EMULATED_STRATEGIES, emulate, type Trace } from '../../engine/index.js';
import { EMULATOR_OPTIONS, emulatorCalibration, presetRemark, resolveInput, resolveParams, type EmulatorFlags } from '../emulator-options.js';
import { traceJsonValue } from '../../export/trace-json.js';
import { withExamples } from '../help-examples.js';
import { EXPORT_OPTIONS, checkExportPath, exportIfAsked, type ExportFlags } from '../export-options.js';
import { formatRunTable } from '../text-table.js';
import { inFlagWords } from '../refusal-words.js';
import { parseChoiceList } from '../values.js';
import { checkOneWorkload } from '../workload-flags.js';

export interface EmulateFlags extends EmulatorFlags {
  strategy?: string | undefined;
  json?: boolean | undefined;
}

/** Builds the trace that `emulate` (and the dashboard's first frame) shows. */
export function emulateFromFlags(flags: EmulateFlags): Trace {
  const input = resolveInput(flags, emulatorCalibration(flags));
  const params = resolveParams(flags, input.workload);
  const strategies = parseChoiceList(flags.strategy ?? 'all', 'strategy', EMULATED_STRATEGIES);
  const trace = inFlagWords(() => emulate(input, strategies, params));
  const remark = presetRemark(flags);
  if (remark) trace.notes.unshift(`${flags.interpreter}: ${remark}`);
  return trace;
}

export function emulateCommand(yargs: Argv): Argv {
  return yargs.command(
    'emulate',
    'replay a workload on the CPython scheduler emulator (deterministic)',
    (command) =>
      withExamples(command, [
        ['$0 emulate --scenario count', 'threads vs processes under the GIL'],
        ['$0 emulate --tasks 5ms,5ms,5ms --cores 1 --quantum 1ms --gil none', 'round-robin on one core: 1 ms time slices, no GIL'],
      ])
        .options(EMULATOR_OPTIONS)
        .option('strategy', {
          type: 'string',
          requiresArg: true,
          describe: `comma list of ${EMULATED_STRATEGIES.join(', ')}, or all`,
          defaultDescription: 'all',
        })
        .option('json', { type: 'boolean', describe: 'print the trace as JSON' })
        .options(EXPORT_OPTIONS)
        .check(checkOneWorkload),
    (argv) => {
      checkExportPath(argv as ExportFlags);
      const trace = emulateFromFlags(argv as EmulateFlags);
      exportIfAsked(trace, argv as ExportFlags);
      process.stdout.write(argv.json ? `${JSON.stringify(traceJsonValue(trace))}\n` : `${formatRunTable(trace)}\n`);
    },
  );
}
