import { DEFAULT_PARAMS, type EmulatorParams } from '../emulator/params.js';
import { findPreset, type InterpreterPreset } from '../emulator/presets.js';
import type { PythonInterpreter } from './interpreter.js';

/**
 * The emulator preset that models a real interpreter: CPython 3.x the new GIL, 2.7 the old one,
 * PyPy its own preset, a build running without a GIL the free-threaded preset.
 */
export function twinPreset(python: PythonInterpreter): InterpreterPreset {
  const name =
    python.implementation === 'PyPy'
      ? 'pypy'
      : !python.gilEnabled
        ? python.minor >= 14
          ? 'cpython-3.14t'
          : 'cpython-3.13t'
        : python.major === 2
          ? 'cpython-2.7'
          : 'cpython-3.12';
  const preset = findPreset(name);
  if (preset === undefined) throw new Error(`no emulator preset ${name}`);
  return preset;
}

/** Emulator parameters for the real interpreter's twin on a machine of `cores` cores. */
export function twinParams(python: PythonInterpreter, cores: number, overrides: Partial<EmulatorParams> = {}): EmulatorParams {
  const { gil, switchIntervalUs, checkInterval } = twinPreset(python);
  // Real work is measured on this interpreter already: its speed is in the phases, not a scale.
  return { ...DEFAULT_PARAMS, gil, switchIntervalUs, checkInterval, cpuScalePermille: 1_000, cores, workers: cores, ...overrides };
}
