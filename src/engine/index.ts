/** The only door into the engine for the CLI, the UI and the exporters. */
export type { Lane, Run, RunSource, Span, SpanState, Instant, TaskMetrics, Trace } from './trace.js';
export { SPAN_STATES, TERMINAL_STATES, withSpeedups } from './trace.js';
export { UsageError, EmulatorInvariantError } from './errors.js';
export { parseDuration, formatDuration } from './duration.js';
export { parseTasks, type TaskSpec, type Phase } from './task-spec.js';
export { SCENARIOS, findScenario, scenarioTasks, type Scenario } from './scenario.js';
export { summaryRows, type SummaryRow } from './summary.js';
export { emulate, type EmulationInput } from './emulator/emulate-all.js';
export {
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  GIL_MODES,
  LIMITS,
  POLICIES,
  type EmulatedStrategy,
  type EmulatorParams,
  type GilMode,
  type Policy,
} from './emulator/params.js';
export { PRESETS, findPreset, type InterpreterPreset } from './emulator/presets.js';
export { TUTORIAL_CALIBRATION, type Calibration } from '../workloads/index.js';
