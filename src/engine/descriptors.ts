/**
 * The engine's light door: what a command line needs before any command runs — the parameter
 * schema, the registries and presets, scenarios and task lists, errors, durations and quoting,
 * the calibration file's place — and nothing that runs work (no simulator core, no real engine,
 * no Python runtime). `concur-tui --help` and every command's flags load only this; a command's
 * handler then loads `index.ts`, the door to everything. test/cli/lazy-commands.test.ts keeps it
 * light. Each name here is also exported by `index.ts` (the same binding, from the same module).
 */
export type { Trace, Run } from './runs.js';
export { isReal } from './runs.js';
export { UsageError, OutputWriteError } from './errors.js';
export { assertNever } from './assert-never.js';
export { checkOutputTarget, writeOutputFile } from './output-file.js';
export { parseDuration, formatDuration } from './duration.js';
export { quote, quoteName } from './quote.js';
export { READ_LIMITS, readBoundedText } from './bounded-read.js';
export { parseTasks } from './task-spec.js';
export { SCENARIOS, findScenario, scenarioTasks } from './scenario.js';
export { PARAMS, PARAM_NAMES, type ParamName, type ParamSpec, type ParamValue } from './params/schema.js';
export { NO_LAYERS, resolveLayers, type ParamLayers } from './params/layers.js';
export { EventBudgetError, describeRefusal, type ParamWords } from './params/refusal.js';
export { GIL_MODEL_LIST, gilModel } from './registry/gil-models.js';
export { DEFAULT_PARAMS, EMULATED_STRATEGIES, type EmulatedStrategy, type EmulatorParams } from './emulator/params.js';
export { PRESETS, findPreset } from './emulator/presets.js';
export type { EmulationInput } from './emulator/emulate-all.js';
export { TUTORIAL_CALIBRATION, type Calibration } from '../workloads/index.js';
export type { RealRunSpec } from './real/real-run.js';
export { REAL_STRATEGIES, REAL_STRATEGY_ALIASES, realStrategyNamed, type RealStrategy } from './real/strategy-context.js';
export { realTasksFromScenario, realTasksFromSpecs, describeRealCounts } from './real/real-tasks.js';
export type { RealTask } from './real/protocol.js';
export { calibrationPath, loadCalibration, toCalibration } from './calibration-store.js';
export { REAL_RUNTIMES, type RealRuntimeName } from './runtimes.js';
