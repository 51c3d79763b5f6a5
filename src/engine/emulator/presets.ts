import type { GilMode } from './params.js';

/** What an interpreter preset sets; explicit flags still override it. */
export interface InterpreterPreset {
  name: string;
  gil: GilMode;
  switchIntervalUs: number;
  checkInterval: number;
  /** Speed on pure-Python CPU work relative to CPython 3.12, in permille (higher = slower). */
  cpuScalePermille: number;
  /** One line shown beside the preset. */
  remark: string;
}

export const PRESETS: readonly InterpreterPreset[] = [
  {
    name: 'cpython-3.12',
    gil: 'new',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'the GIL: one thread runs Python at a time; waiters ask for it every 5 ms',
  },
  {
    name: 'cpython-3.13t',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_400,
    remark: 'free-threaded: no GIL, but each thread runs about 1.4× slower',
  },
  {
    name: 'cpython-3.14t',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_050,
    remark: 'free-threaded: no GIL, a few percent slower per thread',
  },
  {
    name: 'cpython-2.7',
    gil: 'old',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'the old GIL: released every 100 ticks, but on several cores the holder usually wins it back',
  },
  {
    name: 'pypy',
    gil: 'new',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    // The JIT turns a loop like count into machine code; roughly 10× is typical, not a promise.
    cpuScalePermille: 100,
    remark: 'PyPy HAS a GIL (some tutorials say otherwise); its JIT makes loops ≈10× faster',
  },
  {
    name: 'jython',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'Jython: no GIL, Java threads run in parallel',
  },
  {
    name: 'ironpython',
    gil: 'none',
    switchIntervalUs: 5_000,
    checkInterval: 100,
    cpuScalePermille: 1_000,
    remark: 'IronPython: no GIL, .NET threads run in parallel',
  },
];

export function findPreset(name: string): InterpreterPreset | undefined {
  return PRESETS.find((preset) => preset.name === name);
}
