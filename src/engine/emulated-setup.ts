import { assertNever } from './assert-never.js';
import type { EmulatedStrategy, EmulatorParams } from './emulator/params.js';

/**
 * What an emulated run was made with, stored on the run: the resolved emulator parameters that
 * shaped it, and only those (a sequential run does not depend on the pool size, a run without a
 * GIL on the switch interval), so that two setups differ only where the runs could.
 */
export type EmulatedSetup = { runtime: 'emulator' } & Partial<EmulatorParams>;

/** The parameters of `params` that shape a run of `strategy`. */
export function emulatedSetup(strategy: EmulatedStrategy, params: EmulatorParams): EmulatedSetup {
  const { cores, quantumUs, switchCostUs, policy, gil, cpuScalePermille } = params;
  return { runtime: 'emulator', cores, quantumUs, switchCostUs, policy, gil, cpuScalePermille, ...gilParams(params), ...executorParams(strategy, params) };
}

/** The GIL model's own parameters (the old GIL's races draw on the seed). */
function gilParams(params: EmulatorParams): Partial<EmulatorParams> {
  switch (params.gil) {
    case 'none':
      return {};
    case 'new':
    case 'pypy':
      return { switchIntervalUs: params.switchIntervalUs };
    case 'old':
      return { checkInterval: params.checkInterval, seed: params.seed };
    default:
      return assertNever(params.gil, 'GIL mode');
  }
}

/** What the strategy's threads and processes cost: pools have workers, processes a spawn. */
function executorParams(strategy: EmulatedStrategy, params: EmulatorParams): Partial<EmulatorParams> {
  switch (strategy) {
    case 'sequential':
    case 'async':
      return {};
    case 'threads':
      return { threadSpawnCostUs: params.threadSpawnCostUs };
    case 'thread-pool':
      return { threadSpawnCostUs: params.threadSpawnCostUs, workers: params.workers };
    case 'processes':
      return { spawnCostUs: params.spawnCostUs };
    case 'process-pool':
      return { spawnCostUs: params.spawnCostUs, workers: params.workers };
    case 'interpreters':
      return { interpreterSpawnCostUs: params.interpreterSpawnCostUs };
    case 'interpreter-pool':
      return { interpreterSpawnCostUs: params.interpreterSpawnCostUs, workers: params.workers };
    default:
      return assertNever(strategy, 'emulated strategy');
  }
}
