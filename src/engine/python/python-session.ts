import { planAffinity } from '../affinity.js';
import { dbLimitsOf, startDbServer } from '../../workloads/db-server.js';
import type { EmulatedStrategy } from '../emulator/params.js';
import { strategyOf } from '../registry/strategies.js';
import { runInTurn, type RealSession } from '../run-in-turn.js';
import { startPythonRun, type DatabaseAccess, type PythonRunSpec } from './python-run.js';

export interface PythonSessionSpec {
  workload: string;
  notes: string[];
  strategies: readonly EmulatedStrategy[];
  /** Workers of a pool: `threads` for thread-pool, `procs` for process-pool. */
  spec: Omit<PythonRunSpec, 'strategy' | 'database' | 'workers' | 'affinity'> & { threads: number; procs: number };
  onStrategy?: (strategy: EmulatedStrategy) => void;
  /** Runs of each strategy, interleaved (default 1; see runInTurn). */
  repeat?: number;
}

/**
 * The strategies on a real Python interpreter, one after another. A workload that queries gets
 * the loopback database, started once before the first run (outside every run's time) and
 * stopped after the last.
 */
/** Whether Python code on `python` can start subinterpreters (concurrent.interpreters, 3.14). */
function hasInterpreters(python: PythonRunSpec['python']): boolean {
  return python.major > 3 || (python.major === 3 && python.minor >= 14);
}

export function startPythonSession({ spec, ...session }: PythonSessionSpec): RealSession {
  // Pinned to the cores asked (CPU affinity, inherited by every multiprocessing child), or said why not.
  const affinity = planAffinity(spec.coresAsked ?? null);
  if (affinity.unavailable !== null) session.notes = [...session.notes, affinity.unavailable];
  const limits = dbLimitsOf(spec.tasks);
  const server = limits === null ? null : startDbServer(limits);
  const database: Promise<DatabaseAccess | null> | null = server?.then((db) => ({ port: db.address.port, token: db.address.token })) ?? null;
  // Subinterpreters in Python code need 3.14: an older interpreter leaves them out and says so,
  // unless nothing else was asked for (then their runs fail with the harness's reason).
  const runnable = session.strategies.filter((strategy) => strategyOf(strategy).runsOn !== 'interpreters' || hasInterpreters(spec.python));
  if (runnable.length > 0 && runnable.length < session.strategies.length) {
    const left = session.strategies.filter((strategy) => !runnable.includes(strategy));
    session.notes = [
      ...session.notes,
      `${left.join(', ')} left out: they need Python 3.14 (concurrent.interpreters); this is ${spec.python.major}.${spec.python.minor}`,
    ];
    session.strategies = runnable;
  }
  const { threads, procs, ...common } = spec;
  const workersOf = (strategy: EmulatedStrategy) => (strategyOf(strategy).runsOn === 'processes' ? procs : threads);
  const running = runInTurn({ ...session, start: (strategy) => startPythonRun({ ...common, strategy, workers: workersOf(strategy), database, affinity }) });
  void running.done.finally(() => server?.then((db) => db.close())).catch(() => undefined);
  return running;
}
