import type { EmulatedStrategy } from './emulator/params.js';
import { REAL_STRATEGIES, type RealStrategy } from './real/strategy-context.js';
import { STRATEGY_LIST } from './registry/strategies.js';

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
