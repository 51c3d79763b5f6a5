import type { SetupFor } from '../emulation.js';
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
}

/** The scenarios (tasks and machine) the dashboard can show, and how it draws. */
export interface ProgramSetup {
  setupFor: SetupFor;
  theme: Theme;
  /** The emulated twin of a real runtime (see UpdateContext); none given: the emulator's own parameters stay. */
  twinFor?: UpdateContext['twinFor'];
}

export function createProgram({ setupFor, theme, twinFor = () => null }: ProgramSetup): Program {
  const derive = createDerive(setupFor);
  const context = { derive, twinFor };
  return {
    update: (model, event) => update(context, model, event),
    derive,
    view: (model, derived, size) => screenLines(model, derived.trace, size, theme, derived.refusal),
  };
}
