import { UsageError, emulate } from '../../engine/index.js';
import { castTheme } from '../theme-flags.js';
import { stopExports } from '../../export/export-off-thread.js';
import { checkExportable } from '../../export/export-trace.js';
import { traceJsonValue } from '../../export/trace-json.js';
import type { ChildProcess } from 'node:child_process';
import { EmulationChild } from '../../ui/emulation-child.js';
import type { TerminalSize } from '../../ui/layout.js';
import { createProgram, type Program } from '../../ui/program/program.js';
import { DashboardDisplay, SignalRoute } from '../../ui/terminal/dashboard-display.js';
import { JobControl } from '../../ui/terminal/job-control.js';
import { lendYogaToInk } from '../../ui/yoga.js';
import { RecordedTerminal } from '../../ui/terminal/recorded-terminal.js';
import { awaitSession } from '../await-session.js';
import { dashboardSetup, realRunsFor, type DashboardFlags, type DashboardSetup } from '../dashboard-setup.js';
import { presetRemark } from '../emulator-options.js';
import { checkExportFormat, checkExportPath, dashboardExporter, exportIfAsked } from '../export-options.js';
import { checkFitsTerminal, checkHasAudience, fixedSize, openCast, terminalSize } from '../recording.js';
import { runScriptedSession } from '../scripted-session.js';
import { openTapeCast, prepareTape, readTape, screenshotWriter, tapeCastPath } from '../tape-session.js';
import { formatRunTable } from '../text-table.js';
import { isInteractive } from '../early-emulation.js';

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
  await exportIfAsked(trace, flags);
  process.stdout.write(flags.json ? `${JSON.stringify(traceJsonValue(trace))}\n` : `${formatRunTable(trace)}\n`);
}

/** What the dashboard shows first: the initial model's picture (its emulation stays in `derive`). */
function firstFrame(program: Program, setup: DashboardSetup, size: TerminalSize) {
  return program.view(setup.initial, program.derive(setup.initial), size);
}

/**
 * The live dashboard, recorded to a cast when --record is given.
 * @param spare an emulation process started ahead, for the first picture's emulation.
 */
async function runLive(flags: DashboardFlags, setup: DashboardSetup, size: TerminalSize | null, spare: ChildProcess | null): Promise<number> {
  checkFitsTerminal(size, process.stdout);
  const cast = flags.record === undefined ? null : openCast(flags.record, size ?? terminalSize(), `concur-tui ${setup.scenario}`, flags.force ?? false);
  const started = performance.now();
  const output = new RecordedTerminal(process.stdout, cast, () => (performance.now() - started) / 1_000, size);
  const realRuns = realRunsFor(flags, setup.strategies);
  const display = new DashboardDisplay(process.stdout, output as unknown as NodeJS.WriteStream);
  const signals = new SignalRoute((exitCode) => {
    display.restore();
    process.exit(exitCode);
  });
  const jobControl = new JobControl(display);
  // Keys typed before Ink listens must not be echoed over the frame: raw mode from the start
  // (Ink keeps it, and turns it off when the dashboard closes).
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  // Big emulations run on a thread of their own: keys and signals are heard while they run.
  const emulationChild = new EmulationChild(spare);
  const program = createProgram({ ...setup, offThread: emulationChild });
  // Ink and React load (~300 ms, which --help, a script or a pipe never pay) while the first
  // frames show: the frame of the flags at once, then the picture as soon as its runs arrive
  // from the emulation process. The app's own first frame then changes nothing.
  const loadingApp = Promise.all([import('../../ui/run-dashboard.js'), lendYogaToInk()]).then(([app]) => app);
  const drawFirst = () => {
    display.screen.draw(firstFrame(program, setup, size ?? terminalSize()));
    display.screen.flush();
  };
  drawFirst();
  // A small first picture is emulated here: then no process waits idle beside the dashboard (only a big emulation starts one, as it did).
  if (program.derive(setup.initial).state === 'done') emulationChild.releaseIdle();
  const stopDrawingFirst = program.onEmulated(drawFirst);
  const { runDashboard } = await loadingApp.finally(stopDrawingFirst);
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

/**
 * The dashboard (the default command): a tape's session, the final table without a terminal,
 * else the live dashboard. @param spare an emulation process started ahead, only for a live
 * dashboard (a refusal before it ends the process, and with it the spare's channel and the spare).
 */
export async function openDashboard(flags: DashboardFlags, spare: ChildProcess | null = null): Promise<void> {
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
  process.exit(await runLive(flags, setup, fixed, spare));
}
