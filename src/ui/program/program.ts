import { DashboardEmulator, type SetupFor } from '../emulation.js';
import type { BackgroundEmulator } from '../emulation-child.js';
import { screenLines, type TerminalSize } from '../layout.js';
import type { Model } from '../state/model.js';
import type { Theme } from '../theme.js';
import { createDerive, type Derived } from './derive.js';
import { update, type Event, type Transition, type UpdateContext } from './update.js';

/** One frame of the dashboard, as the view draws it and a FrameSink shows it. */
export type Frame = ReturnType<typeof screenLines>;

/**
 * The dashboard as one program (TEA; ratatui's one loop): `update` turns an event into the next
 * model and effects, `derive` gives what the model implies (the emulation, memoised), `view`
 * draws a frame. The live terminal and the virtual clock of scripts are two drivers of it.
 */
export interface Program {
  update(model: Model, event: Event): Transition;
  derive(model: Model): Derived;
  view(model: Model, derived: Derived, size: TerminalSize): Frame;
  /** Calls `listener` when runs emulated on another thread arrive (the driver then redraws); returns the unsubscribe. */
  onEmulated(listener: () => void): () => void;
  /** Ends the emulation in progress on another thread, if any. */
  dispose(): void;
}

/** The scenarios (tasks and machine) the dashboard can show, and how it draws. */
export interface ProgramSetup {
  setupFor: SetupFor;
  theme: Theme;
  /** Where big emulations run, off the input path (the live dashboard); without it, all run inline (scripts: deterministic frames). */
  offThread?: BackgroundEmulator;
  /** The emulated twin of a real runtime (see UpdateContext); none given: the emulator's own parameters stay. */
  twinFor?: UpdateContext['twinFor'];
}

/** The caption while the picture waits for another thread: what is shown, and that it is not yet the new settings. */
const PENDING_WORDS = {
  simulating: 'simulating…',
  're-simulating': 're-simulating… (the picture is of the previous settings until it is done)',
} as const;

/** The mark on an emulated picture not yet of the model's settings (the real view shows no emulated picture). */
function pendingMark(model: Model, derived: Derived): string | null {
  if (derived.state === 'done' || model.view === 'real') return null;
  // A first picture of the cheap runs: it names the rows still to come.
  if (derived.state === 'simulating' && derived.trace.runs.length > 0) return `${PENDING_WORDS.simulating} (${derived.pending.join(', ')} not drawn yet)`;
  return PENDING_WORDS[derived.state];
}

export function createProgram({ setupFor, theme, offThread, twinFor = () => null }: ProgramSetup): Program {
  const emulator = new DashboardEmulator(setupFor, { offThread: offThread ?? null });
  const derive = createDerive(emulator);
  const context = { derive, twinFor };
  return {
    update: (model, event) => update(context, model, event),
    derive,
    view: (model, derived, size) => screenLines(model, derived.trace, size, theme, derived.refusal ?? pendingMark(model, derived)),
    onEmulated: (listener) => emulator.onLanded(listener),
    dispose: () => emulator.dispose(),
  };
}
