import { availableParallelism } from 'node:os';
import { startRealSession, type Trace } from '../../engine/index.js';
import { checkExportable } from '../../export/export-trace.js';
import { traceJsonValue } from '../../export/trace-json.js';
import { awaitSession } from '../await-session.js';
import { checkExportPath, exportIfAsked, type ExportFlags } from '../export-options.js';
import { runOnPython } from '../python-runtime.js';
import { machineCalibration, parseRealStrategies, resolveRealSetup, runtimeOf, type RealFlags } from '../real-options.js';
import { coresAskedOf, describeRepeat, grantedCores, parseRepeat } from '../session-options.js';
import { describeRealRun, formatRunTable } from '../text-table.js';

export interface RunFlags extends RealFlags, ExportFlags {
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

/** `concur-tui run`: the real runs, their table (or JSON), and exit 3 when a task failed. */
export async function runReal(flags: RunFlags): Promise<void> {
  checkExportPath(flags);
  const { trace, heading } = await runAll(flags);
  if (flags.json) checkExportable(trace, '--json');
  await exportIfAsked(trace, flags, heading);
  process.stdout.write(flags.json ? `${JSON.stringify(traceJsonValue(trace))}\n` : `${formatRunTable(trace, heading)}\n`);
  if (trace.runs.some((run) => run.tasks.some((task) => task.error !== undefined))) process.exitCode = EXIT_TASKS_FAILED;
}
