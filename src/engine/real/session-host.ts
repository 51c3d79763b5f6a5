import { assertNever } from '../assert-never.js';
import type { RealSession } from '../run-in-turn.js';
import { startLocalSession } from './real-session.js';
import type { FromHost, ToHost } from './session-host-protocol.js';

/**
 * The child that runs a real session pinned to some cores (started under taskset by
 * hosted-session.ts): every worker thread and child process it starts inherits its CPU mask.
 * It runs the session it is sent, answers snapshot requests, and exits when the parent
 * disconnects — after the session ends, or when the parent dies (its IPC closes).
 */
let session: RealSession | null = null;

function send(message: FromHost, then?: () => void): void {
  if (process.connected) process.send?.(message, undefined, undefined, then);
}

process.on('message', (message: ToHost) => {
  switch (message.kind) {
    case 'start':
      try {
        session = startLocalSession({ ...message.session, onStrategy: (strategy) => send({ kind: 'strategy', strategy }) });
      } catch (error) {
        return send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
      return void session.done.then(
        (trace) => send({ kind: 'done', trace }),
        (error: unknown) => send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
    case 'snapshot':
      return session && send({ kind: 'snapshot', trace: session.snapshot() });
    case 'cancel':
      return void session?.cancel(message.reason);
    default:
      return assertNever(message, 'message to the session host');
  }
});

// Stop every worker and child before going: the parent is done with us, or gone.
process.on('disconnect', () => {
  void (session?.cancel('the real runs were abandoned') ?? Promise.resolve()).finally(() => process.exit(0));
});
