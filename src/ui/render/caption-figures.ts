import { formatSpeedup } from '../../engine/index.js';

/**
 * How captions say figures: in the table's terms (speed-up vs sequential, `0.64×`), naming the
 * strategy, with the very numbers the table prints (`shownSpeedup` of its rows).
 */

/** Real and emulated speed-ups agree when they differ by at most this fraction of the emulated one. */
export const AGREEMENT = 0.1;

/** `threads 0.64× sequential`. */
export function speedupPhrase(strategy: string, speedup: number): string {
  return `${strategy} ${times(speedup)} sequential`;
}

/** `0.64×`, as the table prints it. */
export function times(speedup: number): string {
  return `${formatSpeedup(speedup)}×`;
}

/** True when a real speed-up is within AGREEMENT of the emulated one. */
export function agrees(real: number, emulated: number): boolean {
  return Math.abs(real / emulated - 1) <= AGREEMENT;
}

/**
 * A real speed-up set against its emulated twin's: `, as in CPython (emulated 0.99×)` when they
 * agree (`alike` words the likeness), else ` (emulated 0.99×)`; nothing without an emulated figure.
 */
export function versusEmulated(real: number, emulated: number | null, alike: string): string {
  if (emulated === null) return '';
  return agrees(real, emulated) ? `, ${alike} (emulated ${times(emulated)})` : ` (emulated ${times(emulated)})`;
}
