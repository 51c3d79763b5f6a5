import type { DashboardDisplay } from './dashboard-display.js';

/**
 * Suspend and resume as htop and vim do. On SIGTSTP (`kill -TSTP`, a job-control stop) the
 * terminal is handed back as the shell expects it — cooked mode, main screen, cursor shown — and
 * the process then stops itself (a handled SIGTSTP does not stop it, so SIGSTOP does). On SIGCONT
 * (`fg`) it takes the terminal again: raw mode, alternate screen, and a full redraw, since the
 * shell drew over what was there.
 */
export class JobControl {
  private readonly onStop = () => {
    this.display.suspend();
    this.setRaw(false);
    process.kill(process.pid, 'SIGSTOP');
  };

  private readonly onContinue = () => {
    this.setRaw(true);
    this.display.resume();
  };

  constructor(
    private readonly display: DashboardDisplay,
    private readonly stdin: NodeJS.ReadStream = process.stdin,
  ) {
    process.on('SIGTSTP', this.onStop);
    process.on('SIGCONT', this.onContinue);
  }

  dispose(): void {
    process.off('SIGTSTP', this.onStop);
    process.off('SIGCONT', this.onContinue);
  }

  private setRaw(raw: boolean): void {
    try {
      if (this.stdin.isTTY) this.stdin.setRawMode(raw);
    } catch {
      // The terminal is gone (a dropped link): SIGHUP ends the dashboard.
    }
  }
}
