import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { READ_LIMITS, UsageError, checkOutputTarget, quote, quoteName, readBoundedText, writeOutputFile } from '../engine/index.js';
import type { CastWriter } from '../export/asciicast.js';
import { parseTape, type Tape } from '../export/tape.js';
import type { TerminalSize } from '../ui/layout.js';
import type { Frame } from '../ui/program/program.js';
import type { ScriptedFrame } from '../ui/script/scripted-frames.js';
import { screenshotText } from '../ui/script/screenshot.js';
import { errorLine } from './error-line.js';
import { openCast } from './recording.js';

/** Reads a tape file (a regular file, size-capped), and the tapes it `Source`s, relative to the working directory as in VHS. */
export function readTape(path: string): Tape {
  const read = readBoundedText(path, READ_LIMITS.tapeBytes, '--script');
  if (read.type === 'missing') throw new UsageError(`--script: cannot read ${quoteName(path)} (ENOENT)`);
  return parseTape(read.text, path, (sourced, where) => {
    const text = readBoundedText(sourced, READ_LIMITS.tapeBytes, `${where}: Source`);
    if (text.type === 'missing') throw new UsageError(`${where}: Source: cannot read ${quoteName(sourced)} (ENOENT)`);
    return text.text;
  });
}

/**
 * What a tape asks before it plays, in VHS's order: its `Env` variables are set (so NO_COLOR
 * or PATH apply to the session), then every `Require`d program must be on PATH; what concur-tui
 * ignores is said, one line each, on stderr.
 */
export function prepareTape(tape: Tape, force: boolean): void {
  for (const { name, value } of tape.env) process.env[name] = value;
  for (const { name, where } of tape.requires) {
    if (!onPath(name)) throw new UsageError(`${where}: Require: ${quote(name)} is not on PATH`);
  }
  // A screenshot's name is checked before anything plays, so a typo costs nothing.
  for (const step of tape.steps) if (step.type === 'screenshot') screenshotRule(step.where, () => checkOutputTarget(step.path, 'screenshot', force));
  for (const warning of tape.warnings) process.stderr.write(`${errorLine(warning)}\n`);
}

/** The cast a tape records to: `--record`, else its last `Output FILE.cast` (none: null). */
export function tapeCastPath(tape: Tape, record: string | undefined): string | undefined {
  return record ?? tape.casts.at(-1)?.name;
}

/** Opens the tape's cast; a refusal of its `Output` name says which line named it. */
export function openTapeCast(tape: Tape, record: string | undefined, size: TerminalSize, title: string, force: boolean): CastWriter | null {
  const path = tapeCastPath(tape, record);
  if (path === undefined) return null;
  if (record !== undefined) return openCast(path, size, title, force);
  const where = tape.casts.at(-1)!.where;
  try {
    return openCast(path, size, title, force);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${where}: Output: ${error.message.replace(/^--record: /, '')}`);
    throw error;
  }
}

/**
 * Writes a tape's screenshots under the one output rule (never over a file without --force),
 * except that a later screenshot may replace one this tape wrote itself.
 */
export function screenshotWriter(force: boolean): (frame: Frame, shot: NonNullable<ScriptedFrame['screenshot']>) => void {
  const written = new Set<string>();
  return (frame, { path, format, where }) => {
    screenshotRule(where, () => writeOutputFile({ path, force: force || written.has(path) }, [screenshotText(frame, format)], 'screenshot'));
    written.add(path);
  };
}

/** Runs a check or write of a screenshot's file; a refusal names the tape's line. */
function screenshotRule(where: string, act: () => void): void {
  try {
    act();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${where}: Screenshot: ${error.message.replace(/^--screenshot: /, '')}`);
    throw error;
  }
}

/** As VHS's `Require` (Go's exec.LookPath): a name with a slash is that file, else one of PATH's directories holds it; executable either way. */
function onPath(program: string): boolean {
  if (program.includes('/')) return isExecutable(program);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => isExecutable(join(dir === '' ? '.' : dir, program)));
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
