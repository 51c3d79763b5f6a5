import { emulate } from '../emulator/emulate-all.js';
import { DEFAULT_PARAMS, type EmulatorParams } from '../emulator/params.js';
import { findPreset, presetParams, type InterpreterPreset } from '../emulator/presets.js';
import { describeInterpreter, type PythonInterpreter } from './interpreter.js';
import type { PythonCalibration } from './python-calibration.js';
import { medianHoldUs } from './hold-period.js';

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

/**
 * The twin layer of the parameters (see ParamLayers): in force while the real column runs on a
 * Python interpreter, under whatever the user chose (a preset, flags, keys).
 */
export interface TwinLayer {
  /** The preset that models the interpreter. */
  preset: string;
  /** The interpreter it models, as named on screen. */
  interpreter: string;
  /** What the layer sets: the preset's fields and, calibrated, this interpreter's measured costs. */
  params: Partial<EmulatorParams>;
}

/** This interpreter's measured figures, and the cost per iteration the emulated scenario's counts were sized at. */
export interface TwinCalibration {
  measured: PythonCalibration;
  sizingNsPerIteration: number;
}

/**
 * The twin layer for `python`. With its calibration (`--calibration machine` after `calibrate
 * --python`), the emulated column is sized as the real one: CPU work at its cost per iteration,
 * a thread start at its measured one, a process start at its start method's measured cost, and a
 * GIL hand-off at the cost that gives its measured hold period.
 */
export function twinLayer(python: PythonInterpreter, calibration: TwinCalibration | null): TwinLayer {
  const preset = twinPreset(python);
  const params: Partial<EmulatorParams> = { ...presetParams(preset) };
  if (calibration !== null) {
    const { measured, sizingNsPerIteration } = calibration;
    // The scenario's counts cost sizingNs an iteration; this interpreter's cost replaces the preset's guess.
    params.cpuScalePermille = Math.max(1, Math.round((1_000 * measured.nsPerIteration) / sizingNsPerIteration));
    params.spawnCostUs = Math.max(1, Math.round(processStartUs(measured)));
    // A `threading.Thread`'s start, not a Node worker's: the real column starts Python threads.
    params.threadSpawnCostUs = Math.max(1, Math.round(measured.threadStartUs));
    if (measured.interpreterStartUs != null) params.interpreterSpawnCostUs = Math.max(1, Math.round(measured.interpreterStartUs));
    if (measured.holdUs !== null && measured.switchIntervalUs !== null) {
      const switchCostUs = switchCostFor(measured.holdUs, Math.round(measured.switchIntervalUs), { ...DEFAULT_PARAMS, ...params });
      if (switchCostUs !== null) params.switchCostUs = switchCostUs;
    }
  }
  return { preset: preset.name, interpreter: describeInterpreter(python), params };
}

/** What a `multiprocessing.Process` costs to start with the interpreter's default start method. */
function processStartUs(measured: PythonCalibration): number {
  // forkserver forks each child from a small server process: a fork's cost once the server is up.
  return measured.startMethod === 'spawn' && measured.spawnStartUs !== null ? measured.spawnStartUs : measured.forkStartUs;
}

/** The most a hand-off may cost in the fit (a hold period far off the interval is not a hand-off cost). */
const MAX_SWITCH_COST_US = 2_000;
const PROBE_COST_US = 100;

/**
 * The hand-off cost at which the emulator's median hold period of two CPU threads is `holdUs`:
 * found by emulating the twin at two costs (the hold grows linearly with it), so the fit holds
 * whatever the GIL model does inside. Null when the model's hold does not depend on the cost.
 */
function switchCostFor(holdUs: number, switchIntervalUs: number, twin: EmulatorParams): number | null {
  const hold = (switchCostUs: number) => {
    const tasks = [0, 1].map((i) => ({ name: `T${i + 1}`, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 40 * switchIntervalUs }] }));
    const params = { ...twin, cpuScalePermille: 1_000, switchIntervalUs, switchCostUs, cores: 2, workers: 2 };
    return medianHoldUs(emulate({ workload: 'calibration', tasks, notes: [] }, ['threads'], params).runs[0]!);
  };
  const atZero = hold(0);
  const slope = (hold(PROBE_COST_US) - atZero) / PROBE_COST_US;
  if (!(slope > 0)) return null;
  return Math.min(MAX_SWITCH_COST_US, Math.max(0, Math.round((holdUs - atZero) / slope)));
}

/** Whether the emulated column models another interpreter than the real one runs: the user chose a preset or a GIL. */
export function twinDiffers(twin: TwinLayer, params: EmulatorParams, presetInForce: string | null): boolean {
  return params.gil !== twin.params.gil || (presetInForce !== null && presetInForce !== twin.preset);
}
