import { runInTurn, type RealSession } from '../run-in-turn.js';
import { startRealRun, type RealRunSpec } from './real-run.js';
import type { RealStrategy } from './strategy-context.js';

export type { RealSession } from '../run-in-turn.js';

export interface RealSessionSpec {
  workload: string;
  notes: string[];
  strategies: readonly RealStrategy[];
  spec: Omit<RealRunSpec, 'strategy'>;
  /** Told when each strategy starts (e.g. for a progress line). */
  onStrategy?: (strategy: RealStrategy) => void;
}

/** Node's strategies, one after another (see runInTurn). */
export function startRealSession({ spec, ...session }: RealSessionSpec): RealSession {
  return runInTurn({ ...session, start: (strategy) => startRealRun({ ...spec, strategy }) });
}
