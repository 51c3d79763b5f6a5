import type { Argv } from 'yargs';
import { UsageError, emulate } from '../../engine/index.js';
import { DASHBOARD_STRATEGIES } from '../../ui/state/model.js';
import type { TerminalSize } from '../../ui/layout.js';
import { EmulationChild } from '../../ui/emulation-child.js';
import { createProgram, type Program } from '../../ui/program/program.js';
import { DashboardDisplay, SignalRoute } from '../../ui/terminal/dashboard-display.js';
import { JobControl } from '../../ui/terminal/job-control.js';
import { RecordedTerminal } from '../../ui/terminal/recorded-terminal.js';
import { awaitSession } from '../await-session.js';
import { dashboardSetup, realRunsFor, type DashboardFlags, type DashboardSetup } from '../dashboard-setup.js';
import { EMULATOR_OPTIONS, presetRemark } from '../emulator-options.js';
import { traceJsonValue } from '../../export/trace-json.js';
import { withExamples } from '../help-examples.js';
import { groupFlags, labelAsNumbers } from '../help-labels.js';
import { EXPORT_OPTIONS, checkExportFormat, checkExportPath, dashboardExporter, exportIfAsked } from '../export-options.js';
import { checkExportable } from '../../export/export-trace.js';
import { stopExports } from '../../export/export-off-thread.js';
import { REAL_OPTIONS, RUNTIME_OPTIONS } from '../real-options.js';
import { REPEAT_OPTION } from '../session-options.js';
import { RECORDING_OPTIONS, checkFitsTerminal, checkHasAudience, fixedSize, openCast, terminalSize } from '../recording.js';
import { runScriptedSession } from '../scripted-session.js';
import { THEME_OPTIONS, castTheme } from '../theme-flags.js';
import { openTapeCast, prepareTape, readTape, screenshotWriter, tapeCastPath } from '../tape-session.js';
import { formatRunTable } from '../text-table.js';
import { TASKS_FILE_OPTION, checkOneWorkload, readTasksFile } from '../workload-flags.js';

// A dumb terminal (TERM=dumb: Emacs' shell, some CI consoles) cannot address the cursor: it gets the printed table.
const isInteractive = () => Boolean(process.stdout.isTTY && process.stdin.isTTY && !process.env.CI && process.env.TERM !== 'dumb');

/** No live UI without a terminal (a pipe, CI): the final picture as a table, or JSON. */
async function printFinal(flags: DashboardFlags, setup: DashboardSetup): Promise<void> {
  if (flags.record !== undefined) throw new UsageError('--record needs a terminal to record; add --script FILE to record without one');
  checkExportPath(flags);
  const { params } = setup.initial;
  const trace = emulate(setup.setupFor(setup.scenario).input, setup.strategies, params);
  if (flags.real) {
    const real = await awaitSession(realRunsFor(flags, setup.strategies).start(setup.scenario, params, setup.initial.runtime, setup.initial.repeat));
    trace.runs.push(...real.runs);
    trace.notes.push(...real.notes);
  }
  const remark = presetRemark(flags);
  if (remark) trace.notes.unshift(`${flags.interpreter}: ${remark}`);
  if (flags.json) checkExportable(trace, '--json');
  exportIfAsked(trace, flags);
  process.stdout.write(flags.json ? `${JSON.stringify(traceJsonValue(trace))}\n` : `${formatRunTable(trace)}\n`);
}

/** What the dashboard shows first: the initial model's picture (its emulation stays in `derive`). */
function firstFrame(program: Program, setup: DashboardSetup, size: TerminalSize) {
  return program.view(setup.initial, program.derive(setup.initial), size);
}

/** The live dashboard, recorded to a cast when --record is given. */
async function runLive(flags: DashboardFlags, setup: DashboardSetup, size: TerminalSize | null): Promise<number> {
  checkFitsTerminal(size, process.stdout);
  const cast = flags.record === undefined ? null : openCast(flags.record, size ?? terminalSize(), `concur-tui ${setup.scenario}`, flags.force ?? false);
  const started = performance.now();
  const output = new RecordedTerminal(process.stdout, cast, () => (performance.now() - started) / 1_000, size);
  const realRuns = realRunsFor(flags, setup.strategies);
  const display = new DashboardDisplay(process.stdout, output as unknown as NodeJS.WriteStream);
  // The first frame is a pure function of the flags: show it while Ink and React load (~300 ms,
  // which --help, a script or a pipe never pay). The app's own first frame then changes nothing.
  const signals = new SignalRoute((exitCode) => {
    display.restore();
    process.exit(exitCode);
  });
  const jobControl = new JobControl(display);
  // Keys typed before Ink listens must not be echoed over the frame: raw mode from the start
  // (Ink keeps it, and turns it off when the dashboard closes).
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  // Big emulations run on a thread of their own: keys and signals are heard while they run.
  const program = createProgram({ ...setup, offThread: new EmulationChild() });
  display.screen.draw(firstFrame(program, setup, size ?? terminalSize()));
  display.screen.flush();
  const { runDashboard } = await import('../../ui/run-dashboard.js');
  try {
    const { initial, fps } = setup;
    const code = await runDashboard({
      program,
      initial,
      fps,
      startRealRuns: realRuns.start,
      realOnStart: flags.real ?? false,
      exportTrace: dashboardExporter(flags),
      output,
      display,
      signals,
      ...(size ? { size } : {}),
    });
    // An export still running is ended, and its temporary file removed: quitting leaves nothing behind.
    await Promise.all([realRuns.stopAll(), stopExports()]);
    return code;
  } finally {
    program.dispose();
    signals.dispose();
    jobControl.dispose();
    output.detach();
    cast?.close();
  }
}

/** The dashboard's flags under headings, for --help. */
const FLAG_GROUPS = [
  ['Emulator:', Object.keys(EMULATOR_OPTIONS)],
  ['Real runs:', ['real', 'runtime', 'python', ...Object.keys(REAL_OPTIONS), ...Object.keys(REPEAT_OPTION)]],
  ['Display:', ['strategy', 'fps', 'speed', 'ascii', 'theme', 'json']],
  ['Recording and export:', ['record', 'cols', 'rows', 'script', ...Object.keys(EXPORT_OPTIONS)]],
] as const;

/**
 * Registers the dashboard, the default command (also `concur-tui dashboard`).
 * @param brief for the root help (`concur-tui --help`), whose usage points to `concur-tui help
 *   dashboard` for these flags: hidden there, so the root help fits a screen.
 */
export function dashboardCommand(yargs: Argv, { brief }: { brief: boolean }): Argv {
  return yargs.command(
    ['dashboard', '$0'],
    'open the dashboard on a scenario (default: count)',
    (command) => {
      const withFlags = withExamples(command, [
        ['$0 --record demo.cast --cols 80 --rows 24', 'record a cast of the dashboard'],
        ['$0 --script demo.tape --record demo.cast', 'a reproducible cast from timed key presses'],
      ])
        .options(EMULATOR_OPTIONS)
        .option('strategy', { type: 'string', requiresArg: true, describe: 'strategies to show, or all', defaultDescription: DASHBOARD_STRATEGIES.join(',') })
        .option('fps', { type: 'string', requiresArg: true, describe: 'most frames a second', defaultDescription: '15' })
        .option('speed', {
          type: 'string',
          requiresArg: true,
          describe: 'playback speed, 0.05 to 100 (1: the longest run, or the zoomed window, plays in 4 s)',
          defaultDescription: '1',
        })
        .options(THEME_OPTIONS)
        .option('real', { type: 'boolean', describe: 'start the real runs when the dashboard opens (else press r)' })
        .options(REAL_OPTIONS)
        .options(REPEAT_OPTION)
        .options(RUNTIME_OPTIONS)
        .options(RECORDING_OPTIONS)
        .options(EXPORT_OPTIONS)
        // After both option sets: here --force covers a recording and an export alike.
        .option('force', { type: 'boolean', describe: 'overwrite an existing --record or --export file' })
        .option('script', { type: 'string', requiresArg: true, describe: 'drive the dashboard from a VHS tape (its Output FILE.cast records it)' })
        .option('json', { type: 'boolean', describe: 'when not a terminal: print the trace as JSON' })
        .options(TASKS_FILE_OPTION)
        .middleware(readTasksFile, true)
        .check(checkOneWorkload);
      const labelled = labelAsNumbers(withFlags, ['fps', 'speed', 'cols', 'rows']);
      if (!brief) return groupFlags(labelled, FLAG_GROUPS);
      let hidden = labelled;
      for (const key of FLAG_GROUPS.flatMap(([, keys]) => keys)) hidden = hidden.hide(key);
      return hidden;
    },
    async (argv) => {
      const flags = argv as DashboardFlags;
      // A tape is read first: its Env lines apply to the whole session (colour, calibration), as in VHS.
      const tape = flags.script === undefined ? null : readTape(flags.script);
      if (tape) prepareTape(tape, flags.force ?? false);
      const setup = dashboardSetup(flags);
      checkExportFormat(flags);
      // Checked on every path: a piped table ignores the size, but a typo must still be named.
      const fixed = fixedSize(flags, process.stdout);
      if (tape) {
        checkHasAudience('--script', isInteractive(), { record: tapeCastPath(tape, flags.record) });
        if (isInteractive()) checkFitsTerminal(fixed, process.stdout);
        const size = fixed ?? terminalSize();
        const cast = openTapeCast(tape, flags.record, size, `concur-tui ${setup.scenario}`, flags.force ?? false);
        const theme = castTheme(flags);
        const shoot = screenshotWriter(flags.force ?? false);
        process.exit(await runScriptedSession({ ...setup, theme, size, steps: tape.steps }, cast, isInteractive(), shoot));
      }
      if (!isInteractive()) return printFinal(flags, setup);
      process.exit(await runLive(flags, setup, fixed));
    },
  );
}
