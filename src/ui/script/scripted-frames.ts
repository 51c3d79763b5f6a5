import { UsageError, assertNever, formatDuration } from '../../engine/index.js';
import type { SetupFor } from '../emulation.js';
import type { TerminalSize } from '../layout.js';
import { isPlaying } from '../program/derive.js';
import type { Effect } from '../program/effects.js';
import { createProgram, type Frame } from '../program/program.js';
import { ProgramRun } from '../program/program-run.js';
import type { Model } from '../state/model.js';
import type { Theme } from '../theme.js';
import { decodeKey } from './key-bytes.js';

/** The file formats a screenshot can be written in. */
export type ShotFormat = 'svg' | 'txt';

/**
 * One step of a script: keys typed at once, a pause, the demo's words for the caption, the
 * start or end of a hidden stretch (played but neither shown nor recorded, and taking no time
 * in the recording), a screenshot of the frame on screen, or a wait for the screen to match.
 */
export type ScriptStep =
  | { type: 'keys'; keys: string[] }
  | { type: 'sleep'; ms: number }
  | { type: 'narrate'; text: string | null }
  | { type: 'hide' }
  | { type: 'show' }
  | { type: 'screenshot'; path: string; format: ShotFormat; where: string }
  | { type: 'wait'; scope: 'line' | 'screen'; pattern: RegExp; timeoutMs: number; where: string };

/** How a script ended: its time, and the exit code (130 when a Ctrl+C in it quit, as live). */
export interface ScriptEnd {
  atMs: number;
  exitCode: number;
}

/**
 * A frame to show at `atMs` of script time (hidden stretches take none of it); with
 * `screenshot`, a request to write the frame already on screen to a file, not to draw it.
 */
export interface ScriptedFrame {
  atMs: number;
  frame: Frame;
  /** The scenario on screen (a cast's title follows it); a lesson's frames leave it out: its title is the lesson's. */
  scenario?: string;
  screenshot?: { path: string; format: ShotFormat; where: string };
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
  /** Script time spent hidden: the recording's clock is `nowMs - hiddenMs`. */
  let hiddenMs = 0;
  let hidden = false;
  let shown: Frame | null = null;
  /** When the next playback tick is due (null while playback stands still). */
  let nextTickMs: number | null = null;
  const shownAt = () => nowMs - hiddenMs;

  function* frame(): Generator<ScriptedFrame> {
    if (hidden) return;
    const next = run.frame(size);
    if (shown?.equals(next)) return;
    shown = next;
    yield { atMs: shownAt(), frame: next, scenario: run.model.scenario };
  }
  const playing = () => isPlaying(run.model, run.derived());

  /**
   * Plays on for `ms` of script time, or until `done()` holds after a frame; returns whether it
   * did. Playback ticks at fps on one timeline across steps, as the live dashboard's timer does:
   * a run of short sleeps plays as one long one.
   */
  function* advance(ms: number, done: () => boolean = () => false): Generator<ScriptedFrame, boolean> {
    const startMs = nowMs;
    const untilMs = nowMs + ms;
    if (!playing()) nextTickMs = null;
    nextTickMs ??= nowMs + tickMs;
    let reached = done();
    while (!reached && playing() && nextTickMs <= untilMs) {
      nowMs = nextTickMs;
      nextTickMs += tickMs;
      run.dispatch({ type: 'tick', dtMs: tickMs });
      yield* frame();
      reached = done();
    }
    if (!playing()) nextTickMs = null;
    if (!reached) nowMs = untilMs;
    if (hidden) hiddenMs += nowMs - startMs;
    return reached;
  }

  // The last step that does something: a quit by its last key is the script's own end (exit 0).
  const lastAction = steps.findLastIndex((step) => step.type === 'keys' || step.type === 'wait' || step.type === 'screenshot');
  yield* frame();
  for (const [index, step] of steps.entries()) {
    switch (step.type) {
      case 'narrate':
        run.dispatch({ type: 'narrate', text: step.text });
        yield* frame();
        break;
      case 'keys':
        for (const [k, bytes] of step.keys.entries()) {
          run.dispatch({ type: 'key', ...decodeKey(bytes) });
          if (run.exitCode !== null) {
            const ended = index === lastAction && k === step.keys.length - 1;
            return { atMs: shownAt(), exitCode: ended ? 0 : run.exitCode };
          }
          yield* frame();
        }
        break;
      case 'sleep':
        yield* advance(step.ms);
        break;
      case 'hide':
        hidden = true;
        break;
      case 'show':
        hidden = false;
        yield* frame();
        break;
      case 'screenshot':
        yield {
          atMs: shownAt(),
          frame: run.frame(size),
          scenario: run.model.scenario,
          screenshot: { path: step.path, format: step.format, where: step.where },
        };
        break;
      case 'wait': {
        const matches = () => step.pattern.test(waitText(run.frame(size), step.scope));
        if (!(yield* advance(step.timeoutMs, matches))) {
          const what = step.scope === 'line' ? "the screen's last line" : 'the screen';
          throw new UsageError(
            `${step.where}: Wait timed out after ${formatDuration(Math.round(step.timeoutMs * 1000))}: /${step.pattern.source}/ never matched ${what}`,
          );
        }
        break;
      }
      default:
        return assertNever(step, 'script step');
    }
  }
  return { atMs: shownAt(), exitCode: 0 };
}

/** What a Wait looks at: the frame's last line that is not blank (the dashboard has no prompt line), or all of it. */
function waitText(frame: Frame, scope: 'line' | 'screen'): string {
  const lines = frame.toLines();
  return scope === 'screen' ? lines.join('\n') : (lines.findLast((line) => line.trim() !== '') ?? '');
}
