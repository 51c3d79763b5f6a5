/** The only door into the engine for the CLI, the UI and the exporters. */
export type { Lane, RunSource, Span, SpanState, Instant, TaskMetrics, RunRepeats } from './trace.js';
export { SPAN_STATES, TERMINAL_STATES, hasEnded, isComplete, withSpeedups } from './trace.js';
export { isEmulated, isPythonRun, isReal, type EmulatedRun, type NodeRun, type PythonRun, type RealRun, type Run, type Trace } from './runs.js';
export type { PythonSetup } from './python/python-setup.js';
export { emulatedSetup, type EmulatedSetup } from './emulated-setup.js';
export type { RealRuntime, RealSetup } from './real/real-setup.js';
export { UsageError, EmulatorInvariantError, OutputWriteError } from './errors.js';
export { assertNever } from './assert-never.js';
export {
  OutputExistsError,
  checkOutputTarget,
  claimOutput,
  discardTempOutput,
  fileError,
  openTempOutput,
  tempOutputPath,
  writeAll,
  writeOutputFile,
  type OutputName,
  type TempOutput,
} from './output-file.js';
export { parseDuration, formatDuration, formatElapsed } from './duration.js';
export { quote, quoteName } from './quote.js';
export { READ_LIMITS, readBoundedText, type BoundedRead } from './bounded-read.js';
export { parseTasks, type TaskSpec, type Phase } from './task-spec.js';
export { SCENARIOS, findScenario, scenarioTasks, type Scenario } from './scenario.js';
export { failureNotes, formatContention, formatHold, formatRate, formatSpeedup, summaryRows, type SummaryOptions, type SummaryRow } from './summary.js';
export { holdPeriods, laneFigures, medianHoldUs, runGilFigures, type HoldPeriod, type LaneFigures, type RunGilFigures } from './gil-figures.js';
export { APPROXIMATE, APPROXIMATE_NOTE, APPROXIMATE_WORDS, gilFiguresApproximate } from './hold-resolution.js';
export { disturbanceOf, speedupLimit, type Disturbance } from './disturbance.js';
export { staleness, type RealQuestion } from './staleness.js';
export { isQuotable, pairRows, shownSpeedup, type PairRow } from './pair-rows.js';
export { emulate, traceOf, type EmulationInput } from './emulator/emulate-all.js';
export { emulateRun } from './emulator/emulate.js';
export { checkEventBudget, estimateWakeups, MAX_WAKEUPS } from './emulator/event-budget.js';
export { presentAs, runIdentity, type RunIdentity } from './run-identity.js';
export { fromWire, toWire, wireBuffers, type WireRun } from './wire-run.js';
export { PARAMS, PARAM_NAMES, type ParamName, type ParamSpec, type ParamValue, type ParamSteps } from './params/schema.js';
export { steppedValue, type SteppedParam } from './params/steps.js';
export { stepLadder } from './params/ladder.js';
export { NO_LAYERS, resolveLayers, type ParamLayers } from './params/layers.js';
export { EventBudgetError, describeRefusal, PLAIN_WORDS, type BudgetRefusal, type ParamWords, type Remedy } from './params/refusal.js';
export { GIL_MODEL_LIST, gilModel, type GilDescriptor, type RealGil } from './registry/gil-models.js';
export { STRATEGY_LIST, strategyOf, type Strategy } from './registry/strategies.js';
export {
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  GIL_MODES,
  POLICIES,
  type EmulatedStrategy,
  type EmulatorParams,
  type GilMode,
  type Policy,
} from './emulator/params.js';
export { PRESETS, PRESET_FIELDS, findPreset, presetParams, presetStillApplies, type InterpreterPreset, type PresetParams } from './emulator/presets.js';
export { TUTORIAL_CALIBRATION, type Calibration } from '../workloads/index.js';
export { startRealRun, type RealRunHandle, type RealRunSpec } from './real/real-run.js';
export { REAL_STRATEGIES, REAL_STRATEGY_ALIASES, REAL_STRATEGY_NAMES, realStrategyNamed, type RealStrategy } from './real/strategy-context.js';
export { REAL_TWIN, pairRuns, twinOf, type RunPair } from './twins.js';
export { planAffinity, type AffinityPlan } from './affinity.js';
export { formatRange, formatSpread, representativeRun, type Sample } from './repeats.js';
export { startRealSession, type RealSession, type RealSessionSpec } from './real/real-session.js';
export { realTasksFromScenario, realTasksFromSpecs, describeRealCounts, type RealSizing } from './real/real-tasks.js';
export { FAULTS, type FaultName } from './real/faults.js';
export type { RealTask, RealCall } from './real/protocol.js';
export { calibrationPath, loadCalibration, saveCalibration, toCalibration, formatCalibration, type StoredCalibration } from './calibration-store.js';
export { measureNodeNsPerIteration, measurePython, type PythonMeasurement } from '../workloads/measure.js';
export { measureStartupCosts, type StartupCosts } from './real/startup-costs.js';
export {
  describeInterpreter,
  discoverInterpreters,
  hasAsyncio,
  measureNsPerIteration,
  probeInterpreter,
  type PythonInterpreter,
} from './python/interpreter.js';
export { startPythonSession, type PythonSessionSpec } from './python/python-session.js';
export { REAL_RUNTIMES, type RealRuntimeName } from './runtimes.js';
export { TOLERANCE, verifyInterpreter, type VerifiedCase, type VerifyReport } from './python/verify.js';
export { twinDiffers, twinLayer, type TwinCalibration, type TwinLayer } from './python/twin-preset.js';
export { calibratePython, calibrationOf, withCalibration, type PythonCalibration } from './python/python-calibration.js';
