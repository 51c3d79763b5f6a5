import { formatDuration } from '../duration.js';
import { BATTLE_ROUND_US, NewGil, NoGil, OldGil, PypyGil, pypyYieldPeriodUs, singleRaceHoldUs } from '../emulator/gil.js';
import type { GilHost, GilModel as KernelGil } from '../emulator/gil.js';
import type { EmulatorParams } from '../emulator/params.js';
import { createPrng } from '../emulator/prng.js';
import type { RealRunSpec } from '../real/real-run.js';

/** The GIL the real engine can put on worker threads (see real/gil-lock.ts). */
export type RealGil = RealRunSpec['gil'];

/** Everything the program knows about one GIL model, in one place. */
export interface GilDescriptor<Name extends string = string> {
  name: Name;
  /** The parameters bar's words for it under these parameters (`GIL new 5ms`). */
  label(params: EmulatorParams): string;
  /** Its words in a table heading, with the setting that tunes it (`GIL new (switch interval 5ms)`). */
  summary(params: EmulatorParams): string;
  /**
   * How often a holder with a rival may lose the GIL, in µs: what bounds the emulator's GIL
   * wake-ups. Infinity when no rival ever waits (no GIL).
   */
  budgetPeriodUs(params: EmulatorParams): number;
  /**
   * How often a holder may lose the GIL while it or a rival is in CPU work shorter than a round
   * of the old GIL's battle (Infinity: no such races), in µs.
   */
  shortWorkPeriodUs(params: EmulatorParams): number;
  /** The parameter whose larger value lengthens that period (named in an event-budget refusal). */
  periodParam: 'switch-interval' | 'check-interval' | null;
  /** The emulator's model of it, for one run with `processCount` processes (one GIL each). */
  create(host: GilHost, processCount: number, params: EmulatorParams): KernelGil;
  /** The real lock that does the same to worker threads, so both columns are one experiment. */
  realTwin: RealGil;
}

const none: GilDescriptor<'none'> = {
  name: 'none',
  label: () => 'no GIL',
  summary: () => 'no GIL',
  budgetPeriodUs: () => Number.POSITIVE_INFINITY,
  shortWorkPeriodUs: () => Number.POSITIVE_INFINITY,
  periodParam: null,
  create: () => new NoGil(),
  realTwin: 'none',
};

const newGil: GilDescriptor<'new'> = {
  name: 'new',
  label: (params) => `GIL new ${formatDuration(params.switchIntervalUs)}`,
  summary: (params) => `GIL new (switch interval ${formatDuration(params.switchIntervalUs)})`,
  budgetPeriodUs: (params) => params.switchIntervalUs,
  shortWorkPeriodUs: () => Number.POSITIVE_INFINITY,
  periodParam: 'switch-interval',
  create: (host, processCount, params) => new NewGil(host, processCount, params.switchIntervalUs, createPrng(params.seed)),
  realTwin: 'new',
};

const oldGil: GilDescriptor<'old'> = {
  name: 'old',
  label: (params) => `GIL old ${params.checkInterval} ticks`,
  summary: (params) => `GIL old (check interval ${params.checkInterval})`,
  // CPU-bound rivals battle in rounds; single races (~30 µs) happen only around short work,
  // which the estimate's per-phase wake-ups cover.
  budgetPeriodUs: () => BATTLE_ROUND_US / 2,
  shortWorkPeriodUs: (params) => singleRaceHoldUs(params.checkInterval),
  periodParam: 'check-interval',
  create: (host, processCount, params) => new OldGil(host, processCount, params.checkInterval, createPrng(params.seed)),
  // The real engine has one lock, the new GIL's hand-over: the nearest real twin of any GIL.
  realTwin: 'new',
};

const pypyGil: GilDescriptor<'pypy'> = {
  name: 'pypy',
  label: (params) => `GIL pypy ${formatDuration(pypyYieldPeriodUs(params.switchIntervalUs))}`,
  summary: (params) =>
    `GIL pypy (yields every ${formatDuration(pypyYieldPeriodUs(params.switchIntervalUs))}, switch interval ${formatDuration(params.switchIntervalUs)})`,
  // The holder yields once a period; a silent release for I/O adds one poll, counted per phase.
  budgetPeriodUs: (params) => pypyYieldPeriodUs(params.switchIntervalUs),
  shortWorkPeriodUs: () => Number.POSITIVE_INFINITY,
  periodParam: 'switch-interval',
  create: (host, processCount, params) => new PypyGil(host, processCount, params.switchIntervalUs),
  // A hand-over lock like the new GIL's is the nearest the real engine has.
  realTwin: 'new',
};

/**
 * The GIL models in the order `g` cycles through them (and `--help` lists them): PyPy's after
 * none, so that the CPython pair new → old → none stays two key presses apart as before.
 */
export const GIL_MODEL_LIST = [none, pypyGil, newGil, oldGil] as const;

export type GilMode = (typeof GIL_MODEL_LIST)[number]['name'];
export const GIL_MODES: readonly GilMode[] = GIL_MODEL_LIST.map((model) => model.name);

/** The descriptor of a GIL mode; throws for a name no model has (a trace from elsewhere). */
export function gilModel(mode: GilMode): GilDescriptor<GilMode> {
  const found = GIL_MODEL_LIST.find((model) => model.name === mode);
  if (!found) throw new Error(`unknown GIL model ${JSON.stringify(mode)}`);
  return found;
}
