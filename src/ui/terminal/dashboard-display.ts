import { TerminalScreen } from './terminal-screen.js';

export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';

/** Exit codes for signals, as shells report them (128 + signal number). */
export const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * The terminal while the dashboard owns it: the alternate screen and a hidden cursor on
 * opening, both restored by `restore()` (once, whatever way the dashboard ends). Frames and the
 * cursor go to `output` (recorded, when recording); the screen switches go to the terminal only,
 * so a cast ends on its last picture rather than on the shell's screen.
 */
export class DashboardDisplay {
  readonly screen: TerminalScreen;
  private restored = false;

  constructor(
    private readonly terminal: NodeJS.WriteStream,
    private readonly output: NodeJS.WriteStream = terminal,
  ) {
    write(terminal, ENTER_ALT_SCREEN);
    write(output, HIDE_CURSOR);
    this.screen = new TerminalScreen(output);
  }

  /** Gives the terminal back for a while (SIGTSTP): main screen, cursor shown; drawing goes on after `resume`. */
  suspend(): void {
    if (this.restored) return;
    write(this.output, SHOW_CURSOR);
    write(this.terminal, LEAVE_ALT_SCREEN);
  }

  /** Takes the terminal again (SIGCONT): alternate screen, hidden cursor, and the whole frame redrawn. */
  resume(): void {
    if (this.restored) return;
    write(this.terminal, ENTER_ALT_SCREEN);
    write(this.output, HIDE_CURSOR);
    this.screen.redraw();
  }

  restore(): void {
    if (this.restored) return;
    this.restored = true;
    this.screen.close();
    write(this.output, SHOW_CURSOR);
    write(this.terminal, LEAVE_ALT_SCREEN);
  }
}

/**
 * Listens for SIGHUP, SIGINT and SIGTERM for as long as the dashboard lives, and hands each to
 * whoever is in charge: first the code that opens the screen (restore and exit), then the
 * running dashboard (quit cleanly). One registration from start to end leaves no moment where
 * a signal finds no listener of ours (Ink's signal-exit then swallowed a SIGHUP now and then).
 */
export class SignalRoute {
  private target: (exitCode: number) => void;
  private readonly handler = (signal: NodeJS.Signals) => this.target(SIGNAL_EXIT[signal] ?? 1);

  constructor(initial: (exitCode: number) => void) {
    this.target = initial;
    for (const signal of Object.keys(SIGNAL_EXIT)) process.on(signal, this.handler);
  }

  /** From now on signals go to `target`. */
  route(target: (exitCode: number) => void): void {
    this.target = target;
  }

  dispose(): void {
    for (const signal of Object.keys(SIGNAL_EXIT)) process.off(signal, this.handler);
  }
}

function write(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text);
  } catch {
    // The terminal may be gone (SIGHUP from a dropped SSH link): nothing left to restore.
  }
}
