import { PARAMS, formatDuration, formatElapsed, twinDiffers } from '../../engine/index.js';
import type { HeaderField, Model } from '../state/model.js';
import type { Theme } from '../theme.js';
import { lastCall } from './last-call.js';
import { styled, type Line } from './line.js';
import { BOLD } from './style.js';
import { columnsOf, truncate } from './text.js';

/** One field of the bar: its text, how long it stays when the bar is too wide, and what a key changes in it. */
interface HeaderEntry {
  text: string;
  keep: number;
  field?: HeaderField;
}

/**
 * The parameters bar: what the emulator runs with, and the playback state (with `endUs`, where
 * the playhead is). When it is wider
 * than the terminal, whole fields are left out, the least telling first (each has a `keep`
 * rank), rather than cutting the line in the middle of one; the field the last key changed is
 * kept next to the scenario.
 */
export function paramsLine(model: Model, width: number, theme: Theme, endUs = 0): Line {
  // Where playback is, padded to the end's width so the bar does not reflow as it plays: a key
  // that moves the playhead (replay, step) shows in every view, the real one included.
  const at = endUs > 0 ? ` ${formatElapsed(Math.round(Math.min(model.playheadUs, endUs))).padStart(formatElapsed(endUs).length)}` : '';
  // Zoomed, the window's width too (the axis says it only in views that draw one).
  const zoom = model.window === null ? '' : ` zoom ${formatDuration(model.window.spanUs)}`;
  const playback = `${model.paused ? (theme.unicode ? '⏸' : '||') : theme.unicode ? '▶' : '>'} ${model.speed}×${at}${zoom}`;
  const shown = shownFieldsOf(
    model.params,
    model.layers.twin,
    model.interpreter,
    model.scenario,
    model.view,
    model.axisPerGroup,
    model.touched,
    width,
    theme.unicode,
    columnsOf(playback),
  );
  const separator = theme.unicode ? ' │ ' : ' | ';
  return styled(truncate(shown.map((field) => (field.text === PLAYBACK ? playback : field.text)).join(separator), width), BOLD);
}

/** Stands for the playback field's text while fields are chosen: it is the one that changes as playback moves. */
const PLAYBACK = '\u0000playback';

/**
 * The fields that fit in `width`, the playback field's text standing in as PLAYBACK. Only its
 * width decides what fits, and while playing it keeps one width (padded): playback draws the bar
 * 15 times a second and chooses the fields once (`lastCall`).
 */
const shownFieldsOf = lastCall(
  (
    p: Model['params'],
    twin: Model['layers']['twin'],
    interpreter: Model['interpreter'],
    scenario: string,
    view: Model['view'],
    axisPerGroup: boolean,
    touched: Model['touched'],
    width: number,
    unicode: boolean,
    playbackColumns: number,
  ): readonly HeaderEntry[] => {
    // While real runs run on Python the emulated column is its twin, unless the user chose another preset or GIL: then say so.
    const differs = twin !== null && twinDiffers(twin, p, interpreter);
    const preset = interpreter ?? (twin !== null && !differs ? `twin ${twin.preset}` : '');
    // In display order. The context-switch cost has no key and the policy rarely changes, so they
    // go first; the scenario always stays (the picture means nothing without it).
    const all: HeaderEntry[] = [
      { text: scenario, keep: 9 },
      { text: PARAMS.cores.label(p), keep: 8, field: 'cores' },
      { text: PARAMS.policy.label(p), keep: 2, field: 'policy' },
      { text: PARAMS.quantum.label(p), keep: 6, field: 'slice' },
      { text: PARAMS['switch-cost'].label(p), keep: 1 },
      { text: PARAMS.gil.label(p), keep: 7, field: 'gil' },
      // The twin outranks the playback state: with a real interpreter beside it, it says what is emulated.
      { text: preset, keep: interpreter === null ? 4.5 : 3, field: 'preset' },
      { text: differs ? `≠ real ${twin.preset}` : '', keep: 7.5 },
      { text: PLAYBACK, keep: 4, field: 'playback' },
      // Side by side, which time axis the groups share (key a): a bar's length means another thing.
      { text: view === 'side-by-side' && axisPerGroup ? 'side-by-side, own axes' : view, keep: 5, field: 'view' },
    ];
    const fields = all
      // The field the last key changed stays, after the scenario: a key's effect is always on screen.
      .map((field) => (field.field !== undefined && field.field === touched ? { ...field, keep: 8.9 } : field))
      .filter((field) => field.text !== '');
    const separator = unicode ? ' │ ' : ' | ';
    const columns = (shown: readonly HeaderEntry[]) =>
      shown.reduce((sum, field) => sum + (field.text === PLAYBACK ? playbackColumns : columnsOf(field.text)), 0) + columnsOf(separator) * (shown.length - 1);
    let shown = fields;
    while (shown.length > 1 && columns(shown) > width) {
      const least = Math.min(...shown.map((field) => field.keep));
      shown = shown.filter((field) => field.keep !== least);
    }
    return shown;
  },
);
