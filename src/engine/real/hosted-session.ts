import { spawn } from 'node:child_process';
import { withAffinity, type AffinityPlan } from '../affinity.js';
import { assertNever } from '../assert-never.js';
import type { RealSession } from '../run-in-turn.js';
import type { Trace } from '../runs.js';
import { builtEntry } from './entry-path.js';
import type { RealSessionSpec } from './real-session.js';
import { killOnExit } from './reaper.js';
import type { FromHost, ToHost } from './session-host-protocol.js';

/** How long a host may take to stop its session after being asked before it is killed. */
const CANCEL_GRACE_MS = 2_000;

/**
 * A real session run by a child pinned to the plan's CPUs (session-host.ts), so its worker
 * threads and child processes run on those cores only, while this process (the dashboard's UI
 * thread) stays on all of them and stays live. The child has its own process group: a terminal
 * signal reaches this process, which stops the session; if this process dies, the child sees
 * its IPC close and stops the session itself.
 */
export function startHostedSession({ onStrategy, ...session }: RealSessionSpec, plan: AffinityPlan): RealSession {
  const { command, args } = withAffinity(plan, process.execPath, [builtEntry('session-host.js')]);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced', detached: true });
  const forget = killOnExit(child);
  let latest: Trace = { workload: session.workload, runs: [], notes: session.notes };
  let final: Trace | null = null;
  let failure: string | null = null;
  let snapshotAsked = false;
  let stderrTail = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-4_096)));

  const send = (message: ToHost) => {
    // With a callback, a send to a host that just exited is dropped instead of raising 'error'.
    if (child.connected) child.send(message, () => undefined);
  };
  child.on('message', (message: FromHost) => {
    switch (message.kind) {
      case 'strategy':
        return onStrategy?.(message.strategy);
      case 'snapshot':
        snapshotAsked = false;
        return void (latest = message.trace);
      case 'done':
        final = latest = message.trace;
        return child.connected && child.disconnect();
      case 'failed':
        failure = message.message;
        return child.connected && child.disconnect();
      default:
        return assertNever(message, 'message from the session host');
    }
  });

  // The session is over when the host has exited: by then its workers and children are gone.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  let startError: Error | null = null;
  child.once('error', (error) => (startError = error));
  const done = exited.then(() => {
    forget();
    if (final !== null) return final;
    const said = stderrTail.trim().split('\n').at(-1);
    const why = failure ?? startError?.message ?? said ?? `it exited with code ${child.exitCode ?? child.signalCode}`;
    throw new Error(`the real runs pinned to CPUs ${plan.cpus?.join(',')} failed: ${why}`);
  });
  send({ kind: 'start', session });

  return {
    snapshot: () => {
      if (!snapshotAsked && child.connected) {
        snapshotAsked = true;
        send({ kind: 'snapshot' });
      }
      return latest;
    },
    done,
    cancel: async (reason = 'cancelled') => {
      send({ kind: 'cancel', reason });
      const grace = setTimeout(() => killGroup(child.pid), CANCEL_GRACE_MS);
      await exited;
      clearTimeout(grace);
      await done.catch(() => undefined);
    },
  };
}

/** SIGKILL to the host's process group: the host and whatever it started. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}
