import { planAffinity } from '../affinity.js';
import { runInTurn, type RealSession } from '../run-in-turn.js';
import { startHostedSession } from './hosted-session.js';
import { startRealRun, type RealRunSpec } from './real-run.js';
import type { RealStrategy } from './strategy-context.js';

export type { RealSession } from '../run-in-turn.js';

export interface RealSessionSpec {
  workload: string;
  notes: string[];
  strategies: readonly RealStrategy[];
  /** How each run is made; `coresAsked` limits the whole session to that many cores (CPU affinity). */
  spec: Omit<RealRunSpec, 'strategy'>;
  /** Told when each strategy starts (e.g. for a progress line). */
  onStrategy?: (strategy: RealStrategy) => void;
  /** Runs of each strategy, interleaved (default 1; see runInTurn). */
  repeat?: number;
}

/**
 * Node's strategies, one after another (see runInTurn). Limited to fewer cores than this process
 * has, the session runs in a child pinned to them (hosted-session.ts): its workers and children
 * inherit the mask. Where that cannot be done, it runs here on every core, and a note says why.
 */
export function startRealSession(session: RealSessionSpec): RealSession {
  const plan = planAffinity(session.spec.coresAsked ?? null);
  const notes = plan.unavailable === null ? session.notes : [...session.notes, plan.unavailable];
  if (plan.cpus !== null) return startHostedSession({ ...session, notes }, plan);
  return startLocalSession({ ...session, notes });
}

/** The session in this process, on the cores this process may use. */
export function startLocalSession({ spec, ...session }: RealSessionSpec): RealSession {
  return runInTurn({ ...session, start: (strategy) => startRealRun({ ...spec, strategy }) });
}
