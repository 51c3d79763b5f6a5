import { UsageError, parseDuration, quote, quoteName } from '../engine/index.js';

/** One step of a parsed tape: send keys to the dashboard, or wait. */
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
      /** 1-based line of the tape that produced this step. */
      line: number;
    };

/** Most steps a tape may hold: a typo like `Type@1ms` over a huge string should fail, not hang. */
export const MAX_TAPE_STEPS = 10_000;
/** Most key presses a tape may hold in all (`Left 1000` is a thousand): each redraws the picture. */
export const MAX_TAPE_KEYS = 10_000;
/** Most total sleep a tape may hold: one hour. */
export const MAX_TAPE_SLEEP_MS = 3_600_000;
/** Largest repeat count on a key command (`Left 3`). */
export const MAX_KEY_COUNT = 1000;

/** Named keys and the bytes a terminal (xterm, normal cursor mode) sends for them. */
const NAMED_KEYS: Readonly<Record<string, string>> = {
  Enter: '\r',
  Space: ' ',
  Tab: '\t',
  Backspace: '\x7f',
  Escape: '\x1b',
  Left: '\x1b[D',
  Right: '\x1b[C',
  Up: '\x1b[A',
  Down: '\x1b[B',
};

// These only change how VHS renders its video; they mean nothing when driving a live dashboard.
const RENDER_ONLY = new Set(['Output', 'Set', 'Require', 'Hide', 'Show', 'Screenshot']);
// Real VHS commands we have not implemented; named so the user knows it is not a typo.
const OTHER_VHS = new Set(['Wait', 'Source', 'Env', 'Copy', 'Paste', 'PageUp', 'PageDown', 'Delete', 'Insert']);

// Command word (letters, or Ctrl+X / Alt+X / Shift+X), optional @delay, then the rest of the line.
const COMMAND = /^([A-Za-z]+(?:\+[^\s@]+)?)(?:@(\S*))?(?:\s+(.*))?$/;
const QUOTES = new Set(['"', "'", '`']);

/**
 * Parses a subset of the VHS tape syntax (`Type`, `Sleep`, named keys, `Ctrl+<letter>`)
 * into steps. `source` names the tape in errors, which read `source:line: …`.
 * Throws UsageError on any problem, including the step and sleep limits.
 */
export function parseTape(text: string, source: string): TapeStep[] {
  const steps: TapeStep[] = [];
  let sleepMs = 0;
  let keys = 0;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const where = `${quoteName(source)}:${line}`;
    const trimmed = raw.trim();
    // VHS has no trailing comments, so only a line that starts with '#' is one.
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    for (const step of parseLine(trimmed, line, where)) {
      if (step.type === 'sleep') sleepMs += step.ms;
      else keys += step.keys.length;
      steps.push(step);
      if (steps.length > MAX_TAPE_STEPS) {
        throw new UsageError(`${where}: the tape exceeds the limit of ${MAX_TAPE_STEPS} steps`);
      }
      if (keys > MAX_TAPE_KEYS) {
        throw new UsageError(`${where}: the tape types more than the limit of ${MAX_TAPE_KEYS} keys in all`);
      }
      if (sleepMs > MAX_TAPE_SLEEP_MS) {
        throw new UsageError(`${where}: the tape sleeps longer than the limit of 1 hour in total`);
      }
    }
  }
  return steps;
}

/** Total time a tape spends in `sleep` steps, in milliseconds. */
export function tapeDurationMs(steps: readonly TapeStep[]): number {
  let ms = 0;
  for (const step of steps) if (step.type === 'sleep') ms += step.ms;
  return ms;
}

function parseLine(trimmed: string, line: number, where: string): TapeStep[] {
  const match = COMMAND.exec(trimmed);
  const word = match?.[1] ?? trimmed.split(/\s/)[0] ?? trimmed;
  const baseWord = word.split(/[@+]/)[0] ?? word;
  if (RENDER_ONLY.has(baseWord)) {
    throw new UsageError(`${where}: ${quote(baseWord)} is not supported by concur-tui (it only affects VHS rendering)`);
  }
  if (OTHER_VHS.has(baseWord)) {
    throw new UsageError(`${where}: ${quote(baseWord)} is not supported by concur-tui`);
  }
  if (!match) throw new UsageError(`${where}: unknown command ${quote(word)}`);
  const delay = match[2];
  const rest = match[3] ?? '';
  const delayMs = delay === undefined ? undefined : toMs(delay, `${where}: ${word}@`);

  if (word === 'Sleep') {
    if (delay !== undefined) throw new UsageError(`${where}: Sleep takes no @delay`);
    if (rest === '') throw new UsageError(`${where}: Sleep needs a duration, e.g. Sleep 500ms`);
    return [{ type: 'sleep', ms: toMs(rest, `${where}: Sleep`), line }];
  }
  if (word === 'Type') {
    return spaced(Array.from(parseQuoted(rest, where)), delayMs, line, where);
  }
  const key = keyBytes(word);
  if (key === undefined) throw new UsageError(`${where}: unknown command ${quote(word)}`);
  const count = parseCount(rest, word, where);
  return spaced(new Array<string>(count).fill(key), delayMs, line, where);
}

/** Bytes for a named key or `Ctrl+<letter>`, or undefined when the word is not a key. */
function keyBytes(word: string): string | undefined {
  const named = NAMED_KEYS[word];
  if (named !== undefined) return named;
  const ctrl = /^Ctrl\+([A-Za-z])$/.exec(word);
  // Ctrl clears bits 5 and 6 of the letter: Ctrl+C → 0x03.
  return ctrl ? String.fromCharCode(ctrl[1]!.toUpperCase().charCodeAt(0) & 0x1f) : undefined;
}

/** Keys as one step, or with a sleep between each pair when a typing delay is set. */
function spaced(keys: string[], delayMs: number | undefined, line: number, where: string): TapeStep[] {
  if (keys.length === 0) return [];
  if (delayMs === undefined) return [{ type: 'keys', keys, line }];
  // Fail before building millions of steps from one long `Type@1ms` line.
  if (keys.length > MAX_TAPE_STEPS) {
    throw new UsageError(`${where}: the tape exceeds the limit of ${MAX_TAPE_STEPS} steps`);
  }
  const steps: TapeStep[] = [];
  for (const [i, key] of keys.entries()) {
    if (i > 0) steps.push({ type: 'sleep', ms: delayMs, line });
    steps.push({ type: 'keys', keys: [key], line });
  }
  return steps;
}

/** `500ms`, `2s`, `150us`, or a bare number of seconds as VHS reads it. */
function toMs(text: string, what: string): number {
  const trimmed = text.trim();
  const withUnit = /^\d+(?:\.\d+)?$/.test(trimmed) ? `${trimmed}s` : trimmed;
  return parseDuration(withUnit, what) / 1000;
}

/** The text between matching quotes; VHS strings have no escapes, so neither do these. */
function parseQuoted(rest: string, where: string): string {
  const mark = rest[0];
  if (mark === undefined || !QUOTES.has(mark)) {
    throw new UsageError(`${where}: Type needs a quoted string, e.g. Type "hello"`);
  }
  const end = rest.indexOf(mark, 1);
  if (end < 0) throw new UsageError(`${where}: unterminated string (missing closing ${mark})`);
  if (rest.slice(end + 1).trim() !== '') {
    throw new UsageError(`${where}: unexpected text after the closing ${mark}`);
  }
  return rest.slice(1, end);
}

function parseCount(rest: string, word: string, where: string): number {
  if (rest === '') return 1;
  if (!/^\d+$/.test(rest)) {
    throw new UsageError(`${where}: ${word} count ${quote(rest)} is not a positive integer`);
  }
  const count = Number(rest);
  if (count < 1 || count > MAX_KEY_COUNT) {
    throw new UsageError(`${where}: ${word} count ${rest} is not between 1 and ${MAX_KEY_COUNT}`);
  }
  return count;
}
