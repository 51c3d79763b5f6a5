/**
 * The engine's door for a command that only emulates and prints a table (`emulate`): the
 * emulator, the summary and its figures — no real engine, no Python runtime. `index.ts` imports
 * every engine module, so whatever imports it loads them all (the bundle puts a module in the
 * chunks of every command that reaches it); through this door `emulate` loads the emulator's
 * share (issue 15: start-up). test/cli/bundle.test.ts keeps it so. Each name here is also
 * exported by `index.ts` (the same binding, from the same module).
 */
export type { Run, Trace } from './runs.js';
export type { RealRunSpec } from './real/real-run.js';
export { formatDuration, formatElapsed } from './duration.js';
export { failureNotes, formatContention, formatHold, formatRate, formatSpeedup, summaryRows } from './summary.js';
export { APPROXIMATE_NOTE } from './hold-resolution.js';
export { gilModel } from './registry/gil-models.js';
export { formatRange, formatSpread } from './repeats.js';
export { emulate } from './emulator/emulate-all.js';
export { EMULATED_STRATEGIES, type EmulatorParams } from './emulator/params.js';
