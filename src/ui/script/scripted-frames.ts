import { assertNever } from '../../engine/index.js';
import type { SetupFor } from '../emulation.js';
import type { TerminalSize } from '../layout.js';
import { isPlaying } from '../program/derive.js';
import type { Effect } from '../program/effects.js';
import { createProgram, type Frame } from '../program/program.js';
import { ProgramRun } from '../program/program-run.js';
import type { Model } from '../state/model.js';
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
  frame: Frame;
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
 * The dashboard's program driven by a script on a virtual clock: the same update, keys and
 * view as the live dashboard, with playback ticking at `fps` in script time. Nothing reads the
 * wall clock, so the same script, size and emulated scenario give the same frames every time.
 * Real runs and exports need this machine: their effects are answered with a line saying so.
 * Returns when the script ended (its last sleep, or the moment a key quit) and its exit code.
 */
export function* scriptedFrames(options: ScriptedSessionOptions): Generator<ScriptedFrame, ScriptEnd> {
  const { size, steps } = options;
  const tickMs = 1_000 / options.fps;
  const run = new ProgramRun(createProgram(options), options.initial, (effect) => answer(effect));
  const answer = (effect: Effect): void => {
    switch (effect.type) {
      case 'run-real':
        return run.dispatch({ type: 'real-failed', message: 'real runs are not part of a scripted recording' });
      case 'export':
        return run.dispatch({ type: 'notice', text: 'exports are not part of a scripted recording' });
      case 'stop-real':
      case 'quit':
        return;
      default:
        return assertNever(effect, 'effect');
    }
  };
  let nowMs = 0;
  let shown: Frame | null = null;
  /** When the next playback tick is due (null while playback stands still). */
  let nextTickMs: number | null = null;

  function* frame(): Generator<ScriptedFrame> {
    const next = run.frame(size);
    if (shown?.equals(next)) return;
    shown = next;
    yield { atMs: nowMs, frame: next };
  }
  const playing = () => isPlaying(run.model, run.derived());

  yield* frame();
  for (const step of steps) {
    if (step.type === 'narrate') {
      run.dispatch({ type: 'narrate', text: step.text });
      yield* frame();
    } else if (step.type === 'keys') {
      for (const bytes of step.keys) {
        run.dispatch({ type: 'key', ...decodeKey(bytes) });
        if (run.exitCode !== null) return { atMs: nowMs, exitCode: run.exitCode };
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
        run.dispatch({ type: 'tick', dtMs: tickMs });
        yield* frame();
      }
      if (!playing()) nextTickMs = null;
      nowMs = untilMs;
    }
  }
  return { atMs: nowMs, exitCode: 0 };
}
