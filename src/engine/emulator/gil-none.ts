import type { GilModel } from './gil-model.js';

/** Free-threaded builds, Jython, IronPython: nothing to wait for. */
export class NoGil implements GilModel {
  ensureHeld(): boolean {
    return true;
  }
  release(): void {}
  releaseAroundCall(): void {}
  runLimitUs(): number {
    return Number.POSITIVE_INFINITY;
  }
  onRunLimit(): boolean {
    return false;
  }
  onPreempt(): void {}
  turnEndIsQuiet(): boolean {
    return true;
  }
  onTimeout(): void {}
  /** No state: threads without a GIL taking turns on cores can be fast-forwarded as they are. */
  visitSteadyState(): void {}
}
