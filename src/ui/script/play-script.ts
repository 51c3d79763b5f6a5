import { DiffWriter } from '../terminal/diff-writer.js';
import { CastChapters, type CastSink } from '../terminal/recorded-terminal.js';
import type { Frame } from '../program/program.js';
import type { ScriptEnd, ScriptedFrame } from './scripted-frames.js';

const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';
/** Frames written between two turns of the event loop when there is no terminal to wait for. */
const YIELD_EVERY = 32;

export interface ScriptPlayback {
  /** The frames, then (as the generator's return value) how the script ended. */
  frames: Generator<ScriptedFrame, ScriptEnd>;
  /** Records every byte at its script time. */
  cast: CastSink | null;
  /** Shows the frames as they come due, in real time; without it, the cast is written at once. */
  terminal: NodeJS.WriteStream | null;
  /** Aborted by the user (q, Ctrl-C, a signal): playback stops after the current frame. */
  signal: AbortSignal;
  /** Writes a screenshot the script asks for (at its moment in the script, before what follows). */
  shoot: (frame: Frame, shot: NonNullable<ScriptedFrame['screenshot']>) => void;
}

/**
 * Turns scripted frames into terminal bytes (only the changed cells, as the live dashboard
 * writes them) and sends them to the cast at their script times, and to the terminal when
 * they come due. The cast's timing is the script's, never the wall clock's.
 */
export async function playScript({ frames, cast, terminal, signal, shoot }: ScriptPlayback): Promise<number> {
  const writer = new DiffWriter();
  const started = performance.now();
  let first = true;
  let written = 0;
  const chapters = new CastChapters(cast);
  let next = frames.next();
  while (!next.done) {
    const frame = next.value;
    if (signal.aborted) break;
    if (frame.screenshot) {
      shoot(frame.frame, frame.screenshot);
      next = frames.next();
      continue;
    }
    const data = (first ? HIDE_CURSOR : '') + writer.draw(frame.frame);
    first = false;
    if (frame.scenario !== undefined) chapters.show(frame.atMs / 1_000, frame.scenario);
    cast?.output(frame.atMs / 1_000, data);
    if (terminal) {
      await until(started + frame.atMs, signal);
      if (signal.aborted) break;
      terminal.write(data);
    } else if (++written % YIELD_EVERY === 0) {
      // Without a terminal frames are written at once: let signals (Ctrl-C, SIGTERM) through.
      await new Promise((resolve) => setImmediate(resolve));
    }
    next = frames.next();
  }
  // The last picture stays up until the script's end (its last Sleep), in the cast too.
  const endMs = next.done ? next.value.atMs : performance.now() - started;
  if (terminal) await until(started + endMs, signal);
  cast?.output(endMs / 1_000, SHOW_CURSOR);
  terminal?.write(SHOW_CURSOR);
  return next.done ? next.value.exitCode : 0;
}

function until(atMs: number, signal: AbortSignal): Promise<void> {
  const waitMs = atMs - performance.now();
  if (waitMs <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    signal.addEventListener('abort', done, { once: true });
  });
}
