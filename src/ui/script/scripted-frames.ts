import type { Trace } from '../../engine/index.js';
import { changesEmulation, emulateModel, type SetupFor } from '../emulation.js';
import { endOf, screenLines, type TerminalSize } from '../layout.js';
import { interpretKey } from '../state/key-input.js';
import type { Model } from '../state/model.js';
import { update, type Msg } from '../state/update.js';
import type { Theme } from '../theme.js';
import { decodeKey } from './key-bytes.js';

/** One step of a script: keys typed at once, a pause, or the demo's words for the caption. */
export type ScriptStep = { type: 'keys'; keys: string[] } | { type: 'sleep'; ms: number } | { type: 'narrate'; text: string | null };

/** How a script ended: its time, and the exit code (130 when a Ctrl+C in it quit, as live). */
export interface ScriptEnd {
  atMs: number;
  exitCode: number;
}

/** A frame to show at `atMs` of script time. */
export interface ScriptedFrame {
  atMs: number;
  lines: string[];
}

export interface ScriptedSessionOptions {
  initial: Model;
  setupFor: SetupFor;
  theme: Theme;
  fps: number;
  size: TerminalSize;
  steps: readonly ScriptStep[];
}

/**
 * The dashboard driven by a script on a virtual clock: the same reducer, keys and picture as
 * the live dashboard, with playback ticking at `fps` in script time. Nothing reads the wall
 * clock, so the same script, size and emulated scenario give the same frames every time.
 * Real runs need this machine and its clock: `r` says so instead of running them.
 * Returns when the script ended (its last sleep, or the moment a key quit) and its exit code.
 */
export function* scriptedFrames(options: ScriptedSessionOptions): Generator<ScriptedFrame, ScriptEnd> {
  const { setupFor, theme, size, steps } = options;
  const tickMs = 1_000 / options.fps;
  let model = options.initial;
  let nowMs = 0;
  let emulation = emulateModel(model, setupFor, null);
  let emulated: Trace = emulation.trace;
  let shown: string | null = null;
  /** When the next playback tick is due (null while playback stands still). */
  let nextTickMs: number | null = null;

  const apply = (msg: Msg) => {
    const before = model;
    model = update(model, msg);
    if (changesEmulation(before, model)) {
      emulation = emulateModel(model, setupFor, emulated);
      emulated = emulation.trace;
    }
  };
  function* frame(): Generator<ScriptedFrame> {
    const lines = screenLines(model, emulated, size, theme, emulation.refusal);
    const text = lines.join('\n');
    if (text === shown) return;
    shown = text;
    yield { atMs: nowMs, lines };
  }
  const playing = () => !model.paused && model.playheadUs < endOf(emulated.runs);

  yield* frame();
  for (const step of steps) {
    if (step.type === 'narrate') {
      apply({ type: 'narrate', text: step.text });
      yield* frame();
    } else if (step.type === 'keys') {
      for (const bytes of step.keys) {
        const { input, key } = decodeKey(bytes);
        const outcome = interpretKey(input, key, () => endOf(emulated.runs));
        if (outcome.type === 'quit') return { atMs: nowMs, exitCode: outcome.code };
        if (outcome.type === 'rerun') apply({ type: 'real-failed', message: 'real runs are not part of a scripted recording' });
        if (outcome.type === 'export') apply({ type: 'notice', text: 'exports are not part of a scripted recording' });
        if (outcome.type === 'dispatch') apply(outcome.msg);
        yield* frame();
      }
    } else {
      // Playback ticks at fps on one timeline across steps, as the live dashboard's timer does:
      // a run of short sleeps plays as one long one.
      const untilMs = nowMs + step.ms;
      if (!playing()) nextTickMs = null;
      nextTickMs ??= nowMs + tickMs;
      while (playing() && nextTickMs <= untilMs) {
        nowMs = nextTickMs;
        nextTickMs += tickMs;
        apply({ type: 'tick', dtMs: tickMs, endUs: endOf(emulated.runs) });
        yield* frame();
      }
      if (!playing()) nextTickMs = null;
      nowMs = untilMs;
    }
  }
  return { atMs: nowMs, exitCode: 0 };
}
