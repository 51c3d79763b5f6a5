import type { Model } from '../state/model.js';
import { isPlaying, type Derived } from './derive.js';

/**
 * True when `after` differs from `before` only in where the playhead is, and playback neither
 * started nor stopped: what a playback tick does 15 times a second. The live driver then draws
 * the frame at once instead of rendering React (whose reconciliation and Ink's layout pass
 * cost more than the frame itself); anything else, a page turn of a zoomed window included,
 * goes through React.
 */
export function movesOnlyThePlayhead(before: Model, after: Model, derive: (model: Model) => Derived): boolean {
  for (const key in after) {
    if (key !== 'playheadUs' && after[key as keyof Model] !== before[key as keyof Model]) return false;
  }
  return isPlaying(before, derive(before)) === isPlaying(after, derive(after));
}
