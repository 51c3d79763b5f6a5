import { render } from 'ink';
import type { EmulationInput, EmulatorParams, Trace } from '../engine/index.js';
import { App } from './app.js';
import type { StartRealRuns } from './hooks/use-real-runs.js';
import type { TerminalSize } from './layout.js';
import type { RecordedTerminal } from './terminal/recorded-terminal.js';
import { TerminalScreen } from './terminal/terminal-screen.js';
import type { Model } from './state/model.js';
import type { Theme } from './theme.js';

export interface DashboardOptions {
  initial: Model;
  setupFor: (scenario: string) => { input: EmulationInput; params: EmulatorParams };
  theme: Theme;
  fps: number;
  startRealRuns?: StartRealRuns;
  realOnStart?: boolean;
  exportTrace?: (trace: Trace) => string;
  /** The terminal (default: process.stdout). */
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Where frames go when not straight to the terminal: a fixed size, a recording. */
  output?: RecordedTerminal;
  /** A fixed size for the picture (`--cols`/`--rows`). */
  size?: TerminalSize;
}

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';

/** Exit codes for signals, as shells report them (128 + signal number). */
const SIGNAL_EXIT: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * Runs the dashboard in the terminal until the user quits or a signal arrives; resolves with the
 * exit code. Owns the terminal: alternate screen in, and on every way out the screen, the cursor
 * and raw mode are restored.
 */
export function runDashboard(options: DashboardOptions): Promise<number> {
  const terminal = options.stdout ?? process.stdout;
  // Frames and the cursor go to the output (recorded, if recording); screen switches do not,
  // so a cast ends on the last frame rather than on the shell's screen.
  const output = (options.output ?? terminal) as NodeJS.WriteStream;
  return new Promise((resolve) => {
    let finished = false;
    const write = (stream: NodeJS.WriteStream, text: string) => {
      try {
        stream.write(text);
      } catch {
        // The terminal may be gone (SIGHUP from a dropped SSH link): nothing left to restore.
      }
    };
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      for (const [signal, handler] of handlers) process.off(signal, handler);
      instance.unmount();
      screen.close();
      write(output, SHOW_CURSOR);
      write(terminal, LEAVE_ALT_SCREEN);
      resolve(code);
    };
    const handlers = Object.keys(SIGNAL_EXIT).map((signal) => [signal, () => finish(SIGNAL_EXIT[signal]!)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);

    write(terminal, ENTER_ALT_SCREEN);
    write(output, HIDE_CURSOR);
    // Frames go to the screen, which writes only the cells that changed (see TerminalScreen).
    const screen = new TerminalScreen(output);
    const instance = render(
      <App
        initial={options.initial}
        setupFor={options.setupFor}
        theme={options.theme}
        fps={options.fps}
        startRealRuns={options.startRealRuns}
        realOnStart={options.realOnStart}
        exportTrace={options.exportTrace}
        screen={screen}
        size={options.size}
        onQuit={finish}
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
