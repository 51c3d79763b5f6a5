import type { EmulatorParams, RealRuntimeName, Trace } from '../../engine/index.js';

/**
 * What the program asks of the world, as data: `update` never does anything itself. Each driver
 * carries effects out in its own way (the live terminal runs and exports; a script answers that
 * it cannot), so the same keys mean the same thing under both.
 */
export type Effect =
  /** Start the real runs of `scenario` with `params` on `runtime`, replacing any in progress. */
  | { type: 'run-real'; scenario: string; params: EmulatorParams; runtime: RealRuntimeName; repeat: number }
  /** Cancel the real runs in progress: they belong to a scenario no longer shown. */
  | { type: 'stop-real' }
  /** Write `trace` (what the screen shows, real runs included) and say where, as a notice. */
  | { type: 'export'; trace: Trace }
  /** End the dashboard with this exit code (130 for Ctrl-C, as a shell expects). */
  | { type: 'quit'; code: number };
