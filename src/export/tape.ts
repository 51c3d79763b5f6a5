import { UsageError } from '../engine/index.js';
import { TapeParser } from './tape-parser.js';

/** One step of a parsed tape, in the order the tape plays them. */
export type TapeStep =
  | {
      /** Send these keys, in order, without waiting between them. */
      type: 'keys';
      /** Each entry is the byte string a terminal sends for one key press. */
      keys: string[];
      /** 1-based line of the tape that produced this step. */
      line: number;
    }
  | {
      /** Wait before the next step. */
      type: 'sleep';
      /** How long to wait, in milliseconds (may be fractional for `us` durations). */
      ms: number;
      line: number;
    }
  /** `Hide`: what follows plays but is not shown or recorded (and takes no time in the cast), until `Show`. */
  | { type: 'hide'; line: number }
  | { type: 'show'; line: number }
  /** `Subtitle "…"`: the caption line says this (null: the dashboard's own caption again). */
  | { type: 'narrate'; text: string | null; line: number }
  | {
      /** `Screenshot FILE`: the frame on screen at that moment, as SVG or plain text. */
      type: 'screenshot';
      path: string;
      format: ScreenshotFormat;
      /** `tape:line`, for errors when the file is written. */
      where: string;
      line: number;
    }
  | {
      /** `Wait`: play on until the pattern matches the screen (or its last line), or fail at the timeout. */
      type: 'wait';
      scope: 'line' | 'screen';
      pattern: RegExp;
      timeoutMs: number;
      where: string;
      line: number;
    };

/** The file formats a `Screenshot` can write. */
export type ScreenshotFormat = 'svg' | 'txt';

/** A tape's name for something outside the steps, with where it said so. */
export interface TapeMention {
  /** The file (`Output`), program (`Require`) or variable (`Env`) named. */
  name: string;
  /** `tape:line`, for messages about it. */
  where: string;
}

/** A parsed tape: its steps, and what it asks of the session around them. */
export interface Tape {
  steps: TapeStep[];
  /** `Output FILE.cast` lines (the last one wins, as in VHS); other formats are in `warnings`. */
  casts: TapeMention[];
  /** `Require PROGRAM` lines: each must be on PATH before anything plays. */
  requires: TapeMention[];
  /** `Env NAME "value"` lines, in order: set before the session starts, as VHS does. */
  env: (TapeMention & { value: string })[];
  /** One line per thing the tape asks for that concur-tui does not do (each `Set` option once). */
  warnings: string[];
}

/** Reads a `Source`d tape's text; throws UsageError (one line) when it cannot. */
export type ReadTape = (path: string, where: string) => string;

/** Most steps a tape may hold: a typo like `Type@1ms` over a huge string should fail, not hang. */
export const MAX_TAPE_STEPS = 10_000;
/** Most key presses a tape may hold in all (`Left 1000` is a thousand): each redraws the picture. */
export const MAX_TAPE_KEYS = 10_000;
/** Most total sleep a tape may hold: one hour. */
export const MAX_TAPE_SLEEP_MS = 3_600_000;
/** Largest repeat count on a key command (`Left 3`). */
export const MAX_KEY_COUNT = 1000;

const NO_SOURCE: ReadTape = (_path, where) => {
  throw new UsageError(`${where}: Source is not available here`);
};

/**
 * Parses a VHS tape (the grammar of charmbracelet/vhs: every command, key and setting it has)
 * into steps. `source` names the tape in errors, which read `source:line: …`; `readTape` reads
 * the tapes it `Source`s. Throws UsageError on the first problem, including the step and sleep
 * limits.
 */
export function parseTape(text: string, source: string, readTape: ReadTape = NO_SOURCE): Tape {
  const tape: Tape = { steps: [], casts: [], requires: [], env: [], warnings: [] };
  new TapeParser(tape, readTape).parse(text, source, false);
  return tape;
}

/** Total time a tape spends in `sleep` steps, in milliseconds. */
export function tapeDurationMs(steps: readonly TapeStep[]): number {
  let ms = 0;
  for (const step of steps) if (step.type === 'sleep') ms += step.ms;
  return ms;
}
