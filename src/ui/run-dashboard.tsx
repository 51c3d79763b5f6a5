import { render } from 'ink';
import type { Trace } from '../engine/index.js';
import { App } from './app.js';
import type { StartRealRuns } from './hooks/use-real-runs.js';
import type { TerminalSize } from './layout.js';
import type { Program } from './program/program.js';
import type { RecordedTerminal } from './terminal/recorded-terminal.js';
import { DashboardDisplay, SignalRoute } from './terminal/dashboard-display.js';
import type { Model } from './state/model.js';

export interface DashboardOptions {
  /** The dashboard's program; the caller may have drawn its first frame already (same emulation). */
  program: Program;
  initial: Model;
  fps: number;
  startRealRuns?: StartRealRuns;
  realOnStart?: boolean;
  /** Writes the trace on screen; the answer (maybe later: exports run off the UI thread) becomes the notice. */
  exportTrace?: (trace: Trace) => string | Promise<string>;
  /** The terminal (default: process.stdout). */
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Where frames go when not straight to the terminal: a fixed size, a recording. */
  output?: RecordedTerminal;
  /** The terminal, already opened (and maybe showing a first frame); else opened here. */
  display?: DashboardDisplay;
  /** The signals, already routed by the caller; else listened to here. */
  signals?: SignalRoute;
  /** A fixed size for the picture (`--cols`/`--rows`). */
  size?: TerminalSize;
}

/**
 * Runs the dashboard in the terminal until the user quits or a signal arrives; resolves with the
 * exit code. Owns the terminal: alternate screen in, and on every way out the screen, the cursor
 * and raw mode are restored.
 */
export function runDashboard(options: DashboardOptions): Promise<number> {
  const terminal = options.stdout ?? process.stdout;
  const display = options.display ?? new DashboardDisplay(terminal, (options.output ?? terminal) as NodeJS.WriteStream);
  const screen = display.screen;
  return new Promise((resolve) => {
    let finished = false;
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      if (!options.signals) signals.dispose();
      instance.unmount();
      display.restore();
      resolve(code);
    };
    const output = options.output;
    const onScenario = output ? (scenario: string) => output.showScenario(scenario) : undefined;
    const signals = options.signals ?? new SignalRoute(finish);
    signals.route(finish);

    const instance = render(
      <App
        program={options.program}
        initial={options.initial}
        fps={options.fps}
        startRealRuns={options.startRealRuns}
        realOnStart={options.realOnStart}
        exportTrace={options.exportTrace}
        screen={screen}
        size={options.size}
        onQuit={finish}
        onScenario={onScenario}
      />,
      {
        stdout: screen.inkStdout as unknown as NodeJS.WriteStream, // a Writable with the terminal's size and events
        stdin: options.stdin ?? process.stdin,
        exitOnCtrlC: false,
        // A stray console line would go through Ink, which draws nothing: it cannot garble the frame.
        patchConsole: true,
      },
    );
  });
}
