import type { EmulatorParams } from './params.js';

/** The parameters an interpreter preset sets: the one list of them. */
export const PRESET_FIELDS = ['gil', 'switchIntervalUs', 'checkInterval', 'cpuScalePermille'] as const;
export type PresetField = (typeof PRESET_FIELDS)[number];
export type PresetParams = Pick<EmulatorParams, PresetField>;

/** What an interpreter preset sets (cpuScalePermille: speed on pure-Python CPU work relative to CPython 3.12, higher = slower). */
export interface InterpreterPreset extends PresetParams {
  name: string;
  /** One line shown beside the preset. */
  remark: string;
  /** Which interpreter and measurement (or publication) its figures come from. */
  basis: string;
}

export const PRESETS: readonly InterpreterPreset[] = [
  {
    name: 'cpython-3.12',
    gil: 'new',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'the GIL: one thread runs Python at a time; waiters ask for it every 5 ms',
    basis: 'CPython 3.11–3.13 measured here by verify: holds of interval + 0.1 ms',
  },
  {
    name: 'cpython-3.13t',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    // The 3.13 free-threading HOWTO: "about 40% on the pyperformance suite".
    cpuScalePermille: 1_400,
    remark: 'free-threaded: no GIL, but each thread runs about 1.4× slower',
    basis: 'published 3.13t single-thread cost (~1.4×); no free-threaded build measured here',
  },
  {
    name: 'cpython-3.14t',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    // The 3.14 free-threading HOWTO: pyperformance's average overhead "from about 1% on macOS
    // aarch64 to 8% on x86-64 Linux" — this project's machines are x86-64 Linux.
    cpuScalePermille: 1_080,
    remark: 'free-threaded: no GIL, about 8 % slower per thread',
    basis: 'published 3.14t single-thread cost (+8 % on pyperformance, x86-64 Linux, free-threading HOWTO); no free-threaded build measured here',
  },
  {
    name: 'cpython-2.7',
    gil: 'old',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'the old GIL: released every 100 ticks; on several cores a battle that makes threads slower than sequential',
    basis: 'CPython 2.7.18 measured here: 3 ticks per loop iteration (ctypes), 2-core battle fitted to verify',
  },
  {
    name: 'pypy',
    gil: 'pypy',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    // The JIT turns a loop like count into machine code; roughly 10× is typical, not a promise.
    cpuScalePermille: 100,
    remark:
      'PyPy HAS a GIL (some tutorials say otherwise): yielded when a tick budget of 200 × interval runs out (~0.28 × interval on count), stolen 0.1 ms into I/O; its JIT makes loops ≈10× faster',
    basis:
      'PyPy’s thread_gil.c, vm.py and interp_jit.py (a tick per JIT loop iteration), count’s 1.4 ns an iteration on pypy3 7.3.11 here (verify: holds 5.4–5.7 ms at 20 ms); the JIT factor is typical, not measured',
  },
  {
    name: 'jython',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'Jython: no GIL, Java threads run in parallel',
    basis: 'documented: no GIL; speed not measured',
  },
  {
    name: 'ironpython',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'IronPython: no GIL, .NET threads run in parallel',
    basis: 'documented: no GIL; speed not measured',
  },
];

export function findPreset(name: string): InterpreterPreset | undefined {
  return PRESETS.find((preset) => preset.name === name);
}

/** The parameters the preset sets, and nothing else. */
export function presetParams(preset: InterpreterPreset): PresetParams {
  return Object.fromEntries(PRESET_FIELDS.map((field) => [field, preset[field]])) as unknown as PresetParams;
}

/** Whether `params` still are what the named preset sets (a key may have changed one since). */
export function presetStillApplies(name: string | null, params: EmulatorParams): boolean {
  const preset = name === null ? undefined : findPreset(name);
  return preset !== undefined && PRESET_FIELDS.every((field) => preset[field] === params[field]);
}
