import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { startRealSession, type Trace } from '../../engine/index.js';
import { awaitSession } from '../await-session.js';
import { traceJsonValue } from '../../export/trace-json.js';
import { withExamples } from '../help-examples.js';
import {
  REAL_GIL_OPTIONS,
  REAL_OPTIONS,
  REAL_STRATEGY_WORDS,
  RUNTIME_OPTIONS,
  machineCalibration,
  parseRealStrategies,
  resolveRealSetup,
  runtimeOf,
  type RealFlags,
} from '../real-options.js';
import { EXPORT_OPTIONS, checkExportPath, exportIfAsked, type ExportFlags } from '../export-options.js';
import { checkExportable } from '../../export/export-trace.js';
import { describeRealRun, formatRunTable } from '../text-table.js';
import { TASKS_FILE_OPTION, checkOneWorkload, readTasksFile } from '../workload-flags.js';
import { runOnPython } from '../python-runtime.js';
import { REAL_CORES_OPTION, REPEAT_OPTION, coresAskedOf, describeRepeat, grantedCores, parseRepeat } from '../session-options.js';

interface RunFlags extends RealFlags {
  strategy?: string | undefined;
  cores?: string | undefined;
  repeat?: string | undefined;
  json?: boolean | undefined;
  runtime?: string | undefined;
  python?: string | undefined;
}

/** Exit code when the run finished but some task failed (crashed, killed, timed out). */
export const EXIT_TASKS_FAILED = 3;

/** Runs the strategies one after another; a signal stops the run in progress before we exit. */
async function runAll(flags: RunFlags): Promise<{ trace: Trace; heading: string }> {
  const session = { coresAsked: coresAskedOf(flags), repeat: parseRepeat(flags) };
  if (runtimeOf(flags) === 'python') {
    const { trace, heading } = await runOnPython(flags, session);
    return { trace, heading: heading + describeRepeat(session.repeat) };
  }
  const setup = resolveRealSetup(flags, machineCalibration());
  const strategies = parseRealStrategies(flags.strategy ?? 'all');
  const onStrategy = (strategy: string) => process.stderr.isTTY && process.stderr.write(`running ${strategy}…\n`);
  const spec = { ...setup.spec, coresAsked: session.coresAsked };
  const trace = await awaitSession(startRealSession({ ...setup, spec, strategies, onStrategy, repeat: session.repeat }));
  return { trace, heading: describeRealRun(setup.workload, spec, grantedCores(trace) ?? availableParallelism()) + describeRepeat(session.repeat) };
}

export function runCommand(yargs: Argv): Argv {
  return yargs.command(
    'run',
    'run a workload for real on this machine: Node (the twins of the emulated strategies) or a real Python',
    (command) =>
      withExamples(command, [
        ['$0 run --scenario count', 'threads vs processes on this machine'],
        ['$0 run --strategy threads --gil none', 'a worker thread per task, without a GIL'],
        ['$0 run --runtime python --strategy sequential,threads', "CPython's own GIL, traced thread by thread"],
      ])
        .options({
          scenario: { type: 'string', requiresArg: true, describe: 'built-in scenario (see `concur-tui scenarios`)', defaultDescription: 'count' },
          tasks: { type: 'string', requiresArg: true, describe: 'tasks: cpu phases count, io phases sleep (or query)' },
          strategy: {
            type: 'string',
            requiresArg: true,
            describe: `comma list of ${REAL_STRATEGY_WORDS}, or all: each the twin of the emulated strategy of its name`,
            defaultDescription: 'all',
          },
          ...RUNTIME_OPTIONS,
          ...REAL_GIL_OPTIONS,
          ...REAL_OPTIONS,
          ...REAL_CORES_OPTION,
          ...REPEAT_OPTION,
          json: { type: 'boolean', describe: 'print the trace as JSON' },
          ...EXPORT_OPTIONS,
        })
        .options(TASKS_FILE_OPTION)
        .middleware(readTasksFile, true)
        .check(checkOneWorkload),
    async (argv) => {
      checkExportPath(argv as ExportFlags);
      const { trace, heading } = await runAll(argv as RunFlags);
      if (argv.json) checkExportable(trace, '--json');
      exportIfAsked(trace, argv as ExportFlags, heading);
      process.stdout.write(argv.json ? `${JSON.stringify(traceJsonValue(trace))}\n` : `${formatRunTable(trace, heading)}\n`);
      if (trace.runs.some((run) => run.tasks.some((task) => task.error !== undefined))) process.exitCode = EXIT_TASKS_FAILED;
    },
  );
}
