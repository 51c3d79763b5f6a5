import type { EmulatedStrategy } from './emulator/params.js';
import { REAL_STRATEGIES, type RealStrategy } from './real/strategy-context.js';
import { STRATEGY_LIST } from './registry/strategies.js';
import { isEmulated, isPythonRun, isReal, type EmulatedRun, type RealRun, type Run } from './runs.js';

/** The real strategy that does what an emulated one models: each descriptor's `realTwin`. */
export const REAL_TWIN = Object.fromEntries(STRATEGY_LIST.map((strategy) => [strategy.name, strategy.realTwin])) as Record<EmulatedStrategy, RealStrategy>;

/** The emulated strategy a real one is compared with in tables: the first whose twin it is. */
export const EMULATED_TWIN = Object.fromEntries(
  REAL_STRATEGIES.map((real) => {
    const twin = STRATEGY_LIST.find((strategy) => strategy.realTwin === real);
    if (!twin) throw new Error(`the real strategy ${real} has no emulated twin in registry/strategies.ts`);
    return [real, twin.name];
  }),
) as Record<RealStrategy, EmulatedStrategy>;

/** The emulated strategy a real run is the twin of: a Python run is the very program the emulator models. */
export function twinOf(run: RealRun): EmulatedStrategy {
  return isPythonRun(run) ? run.strategy : EMULATED_TWIN[run.strategy];
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
 * the strategy `EMULATED_TWIN` names (the first of a strategy's runs when it has several).
 * Runs of the other source in either list are ignored.
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
