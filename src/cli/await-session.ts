import type { RealSession, Trace } from '../engine/index.js';
import { SIGNAL_EXIT } from '../ui/terminal/dashboard-display.js';

/**
 * Waits for a real session; a signal (Ctrl-C, SIGTERM, a dropped SSH link) stops it first, so no
 * worker or child outlives the CLI, then exits with the signal's code.
 */
export async function awaitSession(session: RealSession): Promise<Trace> {
  const onSignal = (signal: NodeJS.Signals) => {
    void session.cancel(`interrupted by ${signal}`).then(() => process.exit(SIGNAL_EXIT[signal] ?? 1));
  };
  const signals = Object.keys(SIGNAL_EXIT) as NodeJS.Signals[];
  for (const signal of signals) process.on(signal, onSignal);
  try {
    return await session.done;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}
