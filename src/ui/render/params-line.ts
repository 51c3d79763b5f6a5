import { PARAMS, twinDiffers } from '../../engine/index.js';
import type { Model } from '../state/model.js';
import type { Theme } from '../theme.js';
import { styled, type Line } from './line.js';
import { BOLD } from './style.js';
import { columnsOf, truncate } from './text.js';

/**
 * The parameters bar: what the emulator runs with, and the playback state. When it is wider
 * than the terminal, whole fields are left out, the least telling first (each has a `keep`
 * rank), rather than cutting the line in the middle of one.
 */
export function paramsLine(model: Model, width: number, theme: Theme): Line {
  const p = model.params;
  // While real runs run on Python the emulated column is its twin, unless the user chose another preset or GIL: then say so.
  const twin = model.layers.twin;
  const differs = twin !== null && twinDiffers(twin, p, model.interpreter);
  const preset = model.interpreter ?? (twin !== null && !differs ? `twin ${twin.preset}` : '');
  const playback = `${model.paused ? (theme.unicode ? '⏸' : '||') : theme.unicode ? '▶' : '>'} ${model.speed}×`;
  // In display order. The context-switch cost has no key and the policy rarely changes, so they
  // go first; the scenario always stays (the picture means nothing without it).
  const fields: { text: string; keep: number }[] = [
    { text: model.scenario, keep: 9 },
    { text: PARAMS.cores.label(p), keep: 8 },
    { text: PARAMS.policy.label(p), keep: 2 },
    { text: PARAMS.quantum.label(p), keep: 6 },
    { text: PARAMS['switch-cost'].label(p), keep: 1 },
    { text: PARAMS.gil.label(p), keep: 7 },
    // The twin outranks the playback state: with a real interpreter beside it, it says what is emulated.
    { text: preset, keep: model.interpreter === null ? 4.5 : 3 },
    { text: differs ? `≠ real ${twin.preset}` : '', keep: 7.5 },
    { text: playback, keep: 4 },
    { text: model.view, keep: 5 },
  ].filter((field) => field.text !== '');
  const separator = theme.unicode ? ' │ ' : ' | ';
  const join = (shown: readonly { text: string }[]) => shown.map((field) => field.text).join(separator);
  let shown = fields;
  while (shown.length > 1 && columnsOf(join(shown)) > width) {
    const least = Math.min(...shown.map((field) => field.keep));
    shown = shown.filter((field) => field.keep !== least);
  }
  return styled(truncate(join(shown), width), BOLD);
}
