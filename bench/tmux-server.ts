import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * A tmux server of this process's own (its own socket, no user config) that stays up between
 * sessions: the default server exits with its last session, and a session created at that
 * moment fails with "server exited unexpectedly". Used by the start-up bench and the e2e tests.
 */
export class TmuxServer {
  /** The server's socket name (`tmux -L NAME`), for a command in one of its panes that talks to it. */
  readonly name: string;
  /** The socket file while the server runs: kill-server leaves it behind, so stop() removes it. */
  private socketPath: string | null = null;

  constructor(name: string) {
    this.name = `${name}-${process.pid}`;
  }

  /** Runs a tmux command on this server (starting it first); returns its output. */
  run(...args: string[]): string {
    if (this.socketPath === null) {
      this.tmux('start-server', ';', 'set-option', '-g', 'exit-empty', 'off');
      this.socketPath = this.tmux('display-message', '-p', '#{socket_path}').trim();
    }
    return this.tmux(...args);
  }

  /** Stops the server and every session on it (nothing happens if it never started). */
  stop(): void {
    if (this.socketPath === null) return;
    spawnSync('tmux', ['-L', this.name, 'kill-server'], { stdio: 'ignore' });
    rmSync(this.socketPath, { force: true });
    this.socketPath = null;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.name, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }
}

/** True when tmux can be run here. */
export const hasTmux = (): boolean => spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
