import { DEFAULT_PARAMS, type EmulatorParams } from '../emulator/params.js';
import { findPreset, presetParams } from '../emulator/presets.js';
import type { TwinLayer } from '../python/twin-preset.js';
import { SCENARIOS } from '../scenario.js';

/**
 * Where the parameters of an emulation come from, lowest precedence first:
 *
 * 1. the defaults (DEFAULT_PARAMS);
 * 2. the scenario's own machine (juggle: one core), resolved per scenario;
 * 2½. this machine's measured start-up costs (`--calibration machine`: a Node worker thread's and
 *    child's start, the twins of Node's real runs);
 * 3. the real interpreter's twin, while real runs run on Python (`R`, `--runtime python`): its
 *    preset's fields and, calibrated, its measured costs (python/twin-preset.ts);
 * 4. the interpreter preset named by `--interpreter` (its fields: PRESET_FIELDS);
 * 5. the flags given on the command line;
 * 6. the keys pressed in the dashboard (a preset chosen with `i` writes its fields here).
 *
 * A later layer wins for the parameters it sets and leaves the others alone, so a key press
 * survives a change of scenario, and a scenario's machine applies unless a flag or a key set
 * that parameter. Workers follow the cores unless a layer sets them. The twin sits under every
 * choice the user makes, so a chosen preset or GIL wins (and the header says it differs).
 */
export interface ParamLayers {
  /** The twin of the real Python interpreter, or null while real runs run on Node. */
  twin: TwinLayer | null;
  /** Start-up costs measured on this machine (`--calibration machine`); a Python twin's own win over them. */
  calibrated?: Partial<EmulatorParams>;
  /** The interpreter preset named on the command line, or null. */
  preset: string | null;
  /** The parameters given as flags. */
  flags: Partial<EmulatorParams>;
  /** The parameters keys have set since the dashboard opened. */
  keys: Partial<EmulatorParams>;
}

export const NO_LAYERS: ParamLayers = { twin: null, preset: null, flags: {}, keys: {} };

/** The scenario's own machine settings (none for a `--tasks` list, named `tasks`). */
function scenarioMachine(scenario: string): Partial<EmulatorParams> {
  return SCENARIOS.find((candidate) => candidate.name === scenario)?.machine ?? {};
}

/** The parameters in force for `scenario`: the layers applied in order over the defaults. */
export function resolveLayers(layers: ParamLayers, scenario: string): EmulatorParams {
  const machine = scenarioMachine(scenario);
  const preset = layers.preset === null ? undefined : findPreset(layers.preset);
  if (layers.preset !== null && preset === undefined) throw new Error(`unknown interpreter preset ${JSON.stringify(layers.preset)}`);
  const params: EmulatorParams = {
    ...DEFAULT_PARAMS,
    ...machine,
    ...layers.calibrated,
    ...layers.twin?.params,
    ...(preset && presetParams(preset)),
    ...layers.flags,
    ...layers.keys,
  };
  const workersSet = [machine, layers.flags, layers.keys].some((layer) => layer.workers !== undefined);
  return workersSet ? params : { ...params, workers: params.cores };
}
