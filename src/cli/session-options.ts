import type { Options } from 'yargs';
import { findScenario, isReal, type Trace } from '../engine/descriptors.js';
import { parseParamFlag, parseWhole } from './values.js';

/** Most runs of each strategy `--repeat` (and `verify --repeats`) may ask for. */
export const MAX_REPEAT = 20;

/** How often each real strategy runs: `run` and the dashboard (`verify` has its own battery). */
export const REPEAT_OPTION = {
  repeat: {
    type: 'string',
    requiresArg: true,
    describe: 'runs of each real strategy, interleaved (A B C A B C): the table shows the median and min–max',
    defaultDescription: '1',
  },
} as const satisfies Record<string, Options>;

/** `run --cores`: the emulator's parameter (its range from the one schema), here the real runs' CPU affinity. */
export const REAL_CORES_OPTION = {
  cores: {
    type: 'string',
    requiresArg: true,
    describe: 'limit the real runs to N cores (CPU affinity, Linux taskset)',
    defaultDescription: "the scenario's (juggle: 1), else all",
  },
} as const satisfies Record<string, Options>;

export function parseRepeat(flags: { repeat?: string | undefined }): number {
  return flags.repeat === undefined ? 1 : parseWhole(flags.repeat, 'repeat', 1, MAX_REPEAT);
}

/** The cores `run` limits real runs to: `--cores`, else the scenario's own machine, else none (null). */
export function coresAskedOf(flags: { cores?: string | undefined; scenario?: string | undefined; tasks?: string | undefined }): number | null {
  if (flags.cores !== undefined) return parseParamFlag('cores', flags.cores) as number;
  if (flags.tasks !== undefined) return null;
  return findScenario(flags.scenario ?? 'count').machine.cores ?? null;
}

/** The cores the trace's real runs were granted (read back from them), when they agree on one figure. */
export function grantedCores(trace: Trace): number | null {
  const granted = new Set(trace.runs.filter(isReal).map((run) => run.setup.coresGranted));
  return granted.size === 1 ? [...granted][0]! : null;
}

/** The heading's words for `--repeat N`. */
export function describeRepeat(repeat: number): string {
  return repeat === 1 ? '' : `; each strategy run ${repeat} times, interleaved: median ±spread (min–max)`;
}
