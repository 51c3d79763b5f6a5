import type { EmulatedStrategy } from './emulator/params.js';
import { REAL_STRATEGIES, type RealStrategy } from './real/strategy-context.js';
import { STRATEGY_LIST } from './registry/strategies.js';
import { isEmulated, isReal, type EmulatedRun, type RealRun, type Run } from './runs.js';

const isRealStrategy = (name: string): name is RealStrategy => (REAL_STRATEGIES as readonly string[]).includes(name);

/**
 * The real strategy that does what an emulated one models: the one of the same name, run on
 * this machine with the same layout (a thread or child per task, a pool of `--workers`, the
 * host's one thread or loop). Every emulated strategy has one, checked here once.
 */
export const REAL_TWIN = Object.fromEntries(
  STRATEGY_LIST.map(({ name }) => {
    if (!isRealStrategy(name)) throw new Error(`the emulated strategy ${name} has no real twin of its name in real/strategy-context.ts`);
    return [name, name];
  }),
) as Record<EmulatedStrategy, RealStrategy>;

/** The emulated strategy a real run is the twin of: the one of its name (Node and Python alike). */
export function twinOf(run: RealRun): EmulatedStrategy {
  return run.strategy;
}

/** An emulated strategy with its run and its real twin's run, either possibly missing. */
export interface RunPair {
  strategy: EmulatedStrategy;
  emulated: EmulatedRun | undefined;
  real: RealRun | undefined;
}

/**
 * Joins emulated runs with their real twins: one pair per emulated strategy, in the order of
 * the emulated runs, then one per real run whose twin was not emulated. A real run belongs to
 * the strategy of its name (the first of a strategy's runs when it has several). Runs of the
 * other source in either list are ignored.
 */
export function pairRuns(emulated: readonly Run[], real: readonly Run[]): RunPair[] {
  const emulatedRuns = emulated.filter(isEmulated);
  const realRuns = real.filter(isReal);
  const strategies = [...new Set([...emulatedRuns.map((run) => run.strategy), ...realRuns.map(twinOf)])];
  return strategies.map((strategy) => ({
    strategy,
    emulated: emulatedRuns.find((run) => run.strategy === strategy),
    real: realRuns.find((run) => twinOf(run) === strategy),
  }));
}
