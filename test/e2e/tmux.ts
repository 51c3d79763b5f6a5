import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TmuxServer } from '../../bench/tmux-server.js';

export const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));

const server = new TmuxServer('concur-e2e');
const tmux = (...args: string[]) => server.run(...args);

/** Stops this process's tmux server (in afterAll: vitest's workers do not run exit handlers). */
export const stopTmuxServer = () => server.stop();

/** A detached tmux session running one command: a real pseudo-terminal that tests can type into. */
export class TmuxSession {
  readonly name = `concur-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(command: string, columns = 80, rows = 24) {
    // `; echo EXIT=$?; sleep 60` keeps the pane open after the program exits, to read its code.
    // CI is unset so the binary sees an interactive terminal, as a user's would.
    // CONCUR_E2E marks every process the program starts (children inherit it), to find leftovers.
    const script = `env -u CI CONCUR_E2E=${this.name} ${command}; echo EXIT=$?; sleep 60`;
    tmux('new-session', '-d', '-s', this.name, '-x', String(columns), '-y', String(rows), script);
  }

  /** The screen as plain text (no colours). */
  screen(): string {
    return tmux('capture-pane', '-p', '-t', this.name);
  }

  /** A tmux format of the pane, e.g. `#{alternate_on}`, `#{cursor_flag}`, `#{pane_tty}`. */
  format(format: string): string {
    return tmux('display-message', '-p', '-t', this.name, format).trim();
  }

  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  resize(columns: number, rows: number): void {
    tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /** The process id of the program in the pane (the first process carrying the marker). */
  programPid(): number | undefined {
    const pids = this.leftovers()
      .map(Number)
      .sort((a, b) => a - b);
    return pids[0];
  }

  /** Processes this session's program started that are still alive (from the OS's process table). */
  leftovers(): string[] {
    const marker = `CONCUR_E2E=${this.name}`;
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
        } catch {
          return false; // exited meanwhile
        }
      });
  }

  /**
   * Polls the screen until `predicate` holds (or throws with the last screen after `timeoutMs`).
   * The limit only ends a wait that went wrong: a busy machine may take seconds to draw.
   * A screen counts only when a second capture right after it reads the same: tmux 3.3 ignores
   * synchronized output, so on a busy machine a capture can land between two parts of one frame
   * (the caption of the new frame above the table rows of the old one).
   */
  async waitFor(predicate: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (predicate(screen) && this.screen() === screen) return screen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting; the screen was:\n${screen}`);
  }

  /** The screen once it stops changing (the same on two captures `quietMs` apart): playback has ended. */
  async settled(quietMs = 300, timeoutMs = 15_000): Promise<string> {
    let previous = this.screen();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const screen = this.screen();
      if (screen === previous) return screen;
      previous = screen;
    }
    throw new Error(`the screen kept changing; it was:\n${previous}`);
  }

  kill(): void {
    for (const pid of this.leftovers()) process.kill(Number(pid), 'SIGKILL');
    try {
      tmux('kill-session', '-t', this.name);
    } catch {
      // already gone
    }
  }
}
