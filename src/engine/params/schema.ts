import { MAX_DURATION_US, formatDuration } from '../duration.js';
import { DEFAULT_PARAMS, POLICIES, type EmulatorParams } from '../emulator/params.js';
import { GIL_MODES, gilModel } from '../registry/gil-models.js';
import { durationLadder } from './ladder.js';

/** How a parameter's value is written, and the one statement of its range. */
export type ParamValue =
  | { kind: 'duration'; minUs: number; maxUs: number }
  | { kind: 'whole'; min: number; max: number }
  | { kind: 'choice'; choices: readonly string[] };

export type DurationValue = Extract<ParamValue, { kind: 'duration' }>;

/** How keys change a parameter in the dashboard. */
export type ParamSteps =
  /** Up and down a ladder of round values that spans the whole range. */
  | { type: 'ladder'; ladder: readonly number[] }
  /** One at a time, within the range. */
  | { type: 'by-one' }
  /** To the next choice, wrapping around. */
  | { type: 'cycle' };

/**
 * One emulator parameter: everything flags, keys, the header, refusals and JSON know about it.
 * Which of them interpreter presets set is listed once, in presets.ts (PRESET_FIELDS).
 */
export interface ParamSpec {
  /** Its field in EmulatorParams (and so in the JSON's `emulator` object). */
  field: keyof EmulatorParams;
  /** `--help`'s words for it. */
  describe: string;
  /** Other names its flag answers to: the words the header and footer use for it (`--slice`). */
  aliases?: readonly string[];
  /** `--help`'s words for its default. */
  defaultDescription: string;
  value: ParamValue;
  /** What keys do to it; absent when no key changes it. */
  steps?: ParamSteps;
  /** The parameters bar's words for it, when the bar shows it. */
  label?: (params: EmulatorParams) => string;
  /** Words for a refusal that asks for more or less of it: `a longer time slice`, `fewer workers`. */
  words: { noun: string; more: string; less: string };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
/** A duration of at least `minUs`: as long as a duration may be anywhere (24 hours). */
const duration = (minUs: number): DurationValue => ({ kind: 'duration', minUs, maxUs: MAX_DURATION_US });
const durationWords = (noun: string) => ({ noun, more: 'a longer', less: 'a shorter' });

const SLICE_VALUE = duration(1);
const INTERVAL_VALUE = duration(1);

/**
 * The emulator's parameters, keyed by flag name (`--quantum`), in `--help`'s order. Each range
 * is stated here and nowhere else: flags are checked against it, keys step within it.
 */
export const PARAMS = {
  cores: {
    field: 'cores',
    describe: 'CPU cores',
    defaultDescription: String(DEFAULT_PARAMS.cores),
    // An upper bound that keeps one simulation within bounded memory and time.
    value: { kind: 'whole', min: 1, max: 1_024 },
    steps: { type: 'by-one' },
    label: (params) => plural(params.cores, 'core'),
    words: { noun: 'cores', more: 'more', less: 'fewer' },
  },
  quantum: {
    field: 'quantumUs',
    describe: 'OS time slice',
    // The header, the footer and the keys' help call it the slice.
    aliases: ['slice'],
    defaultDescription: formatDuration(DEFAULT_PARAMS.quantumUs),
    value: SLICE_VALUE,
    steps: { type: 'ladder', ladder: durationLadder(SLICE_VALUE) },
    label: (params) => `slice ${formatDuration(params.quantumUs)}`,
    words: durationWords('time slice'),
  },
  'switch-cost': {
    field: 'switchCostUs',
    describe: 'context-switch cost',
    defaultDescription: formatDuration(DEFAULT_PARAMS.switchCostUs),
    value: duration(0),
    label: (params) => `switch ${formatDuration(params.switchCostUs)}`,
    words: durationWords('context switch'),
  },
  policy: {
    field: 'policy',
    describe: `OS scheduling policy: ${POLICIES.join('|')}`,
    defaultDescription: DEFAULT_PARAMS.policy,
    value: { kind: 'choice', choices: POLICIES },
    steps: { type: 'cycle' },
    label: (params) => params.policy,
    words: { noun: 'policy', more: 'another', less: 'another' },
  },
  gil: {
    field: 'gil',
    describe: `GIL: ${GIL_MODES.join('|')}`,
    defaultDescription: DEFAULT_PARAMS.gil,
    value: { kind: 'choice', choices: GIL_MODES },
    steps: { type: 'cycle' },
    label: (params) => gilModel(params.gil).label(params),
    words: { noun: 'GIL', more: 'another', less: 'another' },
  },
  'switch-interval': {
    field: 'switchIntervalUs',
    describe: 'new GIL switch interval',
    defaultDescription: formatDuration(DEFAULT_PARAMS.switchIntervalUs),
    value: INTERVAL_VALUE,
    steps: { type: 'ladder', ladder: durationLadder(INTERVAL_VALUE) },
    words: durationWords('switch interval'),
  },
  'check-interval': {
    field: 'checkInterval',
    describe: 'old GIL check interval (ticks)',
    defaultDescription: String(DEFAULT_PARAMS.checkInterval),
    value: { kind: 'whole', min: 1, max: 1_000_000 },
    words: { noun: 'check interval', more: 'a larger', less: 'a smaller' },
  },
  'spawn-cost': {
    field: 'spawnCostUs',
    describe: 'process start-up cost',
    defaultDescription: `${formatDuration(DEFAULT_PARAMS.spawnCostUs)}, or this machine's with --calibration machine`,
    value: duration(0),
    words: durationWords('spawn cost'),
  },
  'thread-spawn-cost': {
    field: 'threadSpawnCostUs',
    describe: 'thread start-up cost (threads, thread-pool)',
    defaultDescription: `${formatDuration(DEFAULT_PARAMS.threadSpawnCostUs)}, or this machine's with --calibration machine`,
    value: duration(0),
    words: durationWords('thread start-up cost'),
  },
  'interpreter-spawn-cost': {
    field: 'interpreterSpawnCostUs',
    describe: 'subinterpreter start-up cost (interpreters, interpreter-pool)',
    defaultDescription: `${formatDuration(DEFAULT_PARAMS.interpreterSpawnCostUs)} (CPython 3.13 here), or the interpreter's own after calibrate --python`,
    value: duration(0),
    words: durationWords('subinterpreter start-up cost'),
  },
  workers: {
    field: 'workers',
    describe: 'workers of thread-pool and process-pool',
    // Workers follow the cores unless set (see resolveLayers).
    defaultDescription: 'cores',
    value: { kind: 'whole', min: 1, max: 1_024 },
    words: { noun: 'workers', more: 'more', less: 'fewer' },
  },
  seed: {
    field: 'seed',
    describe: 'seed of the PRNG (old GIL races)',
    defaultDescription: String(DEFAULT_PARAMS.seed),
    value: { kind: 'whole', min: 0, max: 2 ** 32 - 1 },
    words: { noun: 'seed', more: 'another', less: 'another' },
  },
} as const satisfies Record<string, ParamSpec>;

/** A parameter's name: its flag without the dashes. */
export type ParamName = keyof typeof PARAMS;
export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];
