import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { assertNever } from './assert-never.js';
import { OutputWriteError, UsageError } from './errors.js';
import { quoteName } from './quote.js';

/*
 * The one rule for every file concur-tui writes (--export, --record, calibrate --output, key e):
 * - only a regular file may be replaced, and only with --force; a directory, device, FIFO or
 *   socket is refused with one line, --force or not;
 * - a symbolic link (dangling or not) counts as an existing file: refused without --force, and
 *   with it the link itself is replaced, never followed;
 * - the content goes to a private temporary file beside the target, and the target's name is
 *   claimed last: without --force by link(), which fails if the name exists by then (so two
 *   writers at once cannot both win), with --force by rename(), which replaces a name atomically.
 */

/** An output name that is already taken (without --force): its own type, so auto-numbering can try the next. */
export class OutputExistsError extends UsageError {}

/** What lies at an output path, as the rule sees it (lstat: a link is not followed). */
type TargetKind = 'missing' | 'file' | 'symlink' | 'directory' | 'special';

function targetKind(path: string): TargetKind {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw fileError(error, path);
  }
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  return stats.isDirectory() ? 'directory' : 'special';
}

function directoryKind(dir: string): 'missing' | 'directory' | 'other' {
  // stat, not lstat: a directory reached through a link is still a directory to write in.
  const stats = statSync(dir, { throwIfNoEntry: false });
  return stats === undefined ? 'missing' : stats.isDirectory() ? 'directory' : 'other';
}

/**
 * Checks an output path before any work is done, so a refusal costs nothing: a name, a directory
 * to put it in, nothing but a regular file or a link in the way, and neither without `force`.
 * The final claim (`claimOutput`) applies the same rule again, since the name may change meanwhile.
 * @param flag the flag that named the file, for the message (`export`, `record`, `output`).
 */
export function checkOutputTarget(path: string, flag: string, force: boolean): void {
  if (path === '') throw new UsageError(`--${flag}: the file name is empty`);
  const dir = dirname(path);
  const dirKind = directoryKind(dir);
  if (dirKind === 'missing') throw new UsageError(`--${flag}: directory ${quoteName(dir)} does not exist`);
  if (dirKind === 'other') throw new UsageError(`--${flag}: ${quoteName(dir)} is not a directory`);
  refuseTarget(path, targetKind(path), force, flag);
}

function refuseTarget(path: string, kind: TargetKind, force: boolean, flag: string): void {
  switch (kind) {
    case 'missing':
      return;
    case 'directory':
      throw new UsageError(`--${flag}: ${quoteName(path)} is a directory; name a file in it`);
    case 'special':
      throw new UsageError(`--${flag}: ${quoteName(path)} is not a regular file (a device, FIFO or socket); it is never replaced`);
    case 'file':
      if (!force) throw new OutputExistsError(`${quoteName(path)} exists; use --force to overwrite`);
      return;
    case 'symlink':
      if (!force) throw new OutputExistsError(`${quoteName(path)} is a symbolic link; use --force to replace the link (its target is never written)`);
      return;
    default:
      return assertNever(kind, 'output kind');
  }
}

/** A private temporary file beside an output path, open for writing; nobody else can have it (O_EXCL). */
export interface TempOutput {
  readonly fd: number;
  readonly path: string;
}

/**
 * The temporary file's name for an output in `dir`: short (the user's own name may be near the
 * limit). `tag` is random unless the caller chose it, so that it can remove the file of a writer
 * it stopped (the dashboard, quitting during an export on another thread).
 */
export function tempOutputPath(dir: string, tag: string = randomBytes(4).toString('hex')): string {
  return join(dir, `.concur-${process.pid}-${tag}.tmp`);
}

/** Creates the temporary file for an output in `dir` (see `tempOutputPath`). */
export function openTempOutput(dir: string, target: string, tag?: string): TempOutput {
  const path = tempOutputPath(dir, tag);
  try {
    return { fd: openSync(path, 'wx', 0o666), path };
  } catch (error) {
    throw fileError(error, target);
  }
}

/**
 * Gives the finished temporary file its final name under the rule: link() without `force` (fails
 * if the name exists by then, whatever it is), rename() over a regular file or a link with it.
 * The temporary name is gone afterwards, whether the claim succeeded or not.
 */
export function claimOutput(temp: TempOutput, path: string, force: boolean, flag: string): void {
  try {
    if (force) {
      refuseTarget(path, targetKind(path), true, flag);
      try {
        renameSync(temp.path, path);
      } catch (error) {
        throw fileError(error, path);
      }
      return;
    }
    try {
      linkSync(temp.path, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        refuseTarget(path, targetKind(path), false, flag);
        throw new OutputExistsError(`${quoteName(path)} exists; use --force to overwrite`);
      }
      throw fileError(error, path);
    }
  } finally {
    rmSync(temp.path, { force: true });
  }
}

/** Removes a temporary output that will not be claimed (a failed write). */
export function discardTempOutput(temp: TempOutput): void {
  try {
    closeSync(temp.fd);
  } catch {
    // Already closed: only the name is left to remove.
  }
  rmSync(temp.path, { force: true });
}

/**
 * Writes all of `bytes` (writeSync may write less than asked), at the file's position or, when
 * given, at byte `position`.
 */
export function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  let offset = 0;
  while (offset < bytes.length) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset, position === undefined ? null : position + offset);
  }
}

/** Where `writeOutputFile` puts its content: one name, or numbered names tried in turn (key `e`). */
export type OutputName = { path: string; force: boolean } | { numbered: (n: number) => string };

/** Most numbered names tried before giving up (`concur-tui-count-1.json` … `-10000.json`). */
const MAX_NUMBERED = 10_000;

/**
 * Writes `content` (streamed chunk by chunk, never held whole) to a temporary file, flushes it,
 * and claims its name under the rule. A numbered name claims the first free number atomically:
 * two dashboards exporting in one directory at once get different files.
 * @param tempTag names the temporary file (see `tempOutputPath`); random by default.
 * @returns the path written.
 * @throws UsageError (one line) for a refused name or a file-system error; the temp file is removed.
 */
export function writeOutputFile(name: OutputName, content: Iterable<string>, flag: string, tempTag?: string): string {
  const first = 'path' in name ? name.path : name.numbered(1);
  // A numbered name needs no check: whatever holds a number (even a FIFO) is simply skipped.
  if ('path' in name) checkOutputTarget(name.path, flag, name.force);
  const temp = openTempOutput(dirname(first), first, tempTag);
  try {
    for (const chunk of content) writeAll(temp.fd, Buffer.from(chunk, 'utf8'));
    fsyncSync(temp.fd);
    closeSync(temp.fd);
  } catch (error) {
    discardTempOutput(temp);
    throw fileError(error, first);
  }
  if ('path' in name) {
    claimOutput(temp, name.path, name.force, flag);
    return name.path;
  }
  return claimNumbered(temp, name.numbered, flag);
}

function claimNumbered(temp: TempOutput, numbered: (n: number) => string, flag: string): string {
  try {
    for (let n = 1; n <= MAX_NUMBERED; n++) {
      const path = numbered(n);
      try {
        linkSync(temp.path, path);
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(error, path);
      }
    }
    throw new UsageError(`--${flag}: ${quoteName(basename(numbered(1)))} to ${quoteName(basename(numbered(MAX_NUMBERED)))} all exist`);
  } finally {
    rmSync(temp.path, { force: true });
  }
}

/** Errors of the medium, not of the name: the output could not be written (exit 1, as the README says). */
const MEDIUM_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG']);

/**
 * A file-system error as the one line the user sees: a full disk or a failing device is an
 * OutputWriteError (exit 1), a refused name (permissions, a name too long) a UsageError (exit 2).
 * Anything that is not a file-system error is passed on.
 */
export function fileError(error: unknown, path: string): Error {
  if (error instanceof UsageError || error instanceof OutputWriteError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  // Node says 'ENOSPC: no space left on device, write' (and may add the path): code and reason only.
  const reason = /^\w+: ([^,\n]+)/.exec((error as Error).message)?.[1];
  const message = `${quoteName(path)}: cannot write (${reason ? `${code}: ${reason}` : code})`;
  return MEDIUM_ERRORS.has(code) ? new OutputWriteError(message) : new UsageError(message);
}
