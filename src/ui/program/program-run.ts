import type { TerminalSize } from '../layout.js';
import type { Model } from '../state/model.js';
import type { Derived } from './derive.js';
import type { Effect } from './effects.js';
import type { Frame, Program } from './program.js';
import type { Event } from './update.js';

/**
 * The program running under a driver: it holds the model, applies one event at a time and hands
 * each effect to the driver. Events an effect raises (real runs starting, an export's answer)
 * are applied before `dispatch` returns, in order, so the keys after it see them; after a quit,
 * nothing more happens. What differs between drivers is only `perform` and who calls `dispatch`.
 */
export class ProgramRun {
  private current: Model;
  private readonly queue: Event[] = [];
  private draining = false;
  private quitCode: number | null = null;

  /**
   * @param perform carries an effect out (it may dispatch events back).
   * @param changed is told the new model after a dispatch that changed it.
   */
  constructor(
    private readonly program: Program,
    initial: Model,
    private readonly perform: (effect: Effect) => void,
    private readonly changed: (model: Model) => void = () => {},
  ) {
    this.current = initial;
  }

  get model(): Model {
    return this.current;
  }

  /** The exit code once the program asked to quit, else null. */
  get exitCode(): number | null {
    return this.quitCode;
  }

  derived(): Derived {
    return this.program.derive(this.current);
  }

  /** The frame for the current model at `size`: the one place a driver calls the view. */
  frame(size: TerminalSize): Frame {
    return this.program.view(this.current, this.derived(), size);
  }

  dispatch(event: Event): void {
    if (this.quitCode !== null) return;
    this.queue.push(event);
    if (this.draining) return;
    const before = this.current;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) this.apply(next);
    } finally {
      this.draining = false;
      this.queue.length = 0;
    }
    if (this.current !== before && this.quitCode === null) this.changed(this.current);
  }

  private apply(event: Event): void {
    if (this.quitCode !== null) return;
    const { model, effects } = this.program.update(this.current, event);
    this.current = model;
    for (const effect of effects) {
      if (effect.type === 'quit') this.quitCode = effect.code;
      this.perform(effect);
      if (this.quitCode !== null) return;
    }
  }
}
