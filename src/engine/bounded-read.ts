import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from './errors.js';
import { quoteName } from './quote.js';

/** Sizes the inputs concur-tui reads may have: far above any real one, far below trouble. */
export const READ_LIMITS = {
  /** A key script (`--script`): 10,000 steps of a long line each. */
  tapeBytes: 1024 * 1024,
  /** A task list (`--tasks-file`): 10,000 tasks of a few phases each. */
  tasksBytes: 1024 * 1024,
  /** The calibration file: a few hundred bytes in practice. */
  calibrationBytes: 64 * 1024,
  /** A lesson or other text file the tool reads. */
  lessonBytes: 1024 * 1024,
} as const;

/** Why a file could not be read: missing (the caller may have a default) or refused (one line). */
export type BoundedRead = { type: 'text'; text: string } | { type: 'missing' };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/**
 * Reads a text file of at most `maxBytes`, and only a regular file: a FIFO, a device
 * (`/dev/zero`) or a directory is refused at once rather than read without end or waited on
 * (the open is non-blocking, so a FIFO without a writer cannot hang it either).
 * @param what names the input in errors, e.g. `--script` or `calibration file`.
 * @returns the text, or `missing` when there is no such file.
 * @throws UsageError (one line) for anything else: not a regular file, too large, unreadable.
 */
export function readBoundedText(path: string, maxBytes: number, what: string): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { type: 'missing' };
    throw new UsageError(`${what}: cannot read ${quoteName(path)} (${code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`${what}: ${quoteName(path)} is not a regular file`);
    if (stats.size > maxBytes) throw new UsageError(`${what}: ${quoteName(path)} is larger than the limit of ${sizeText(maxBytes)}`);
    // One byte more than the limit: a file that grew since fstat is caught too.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > maxBytes) throw new UsageError(`${what}: ${quoteName(path)} is larger than the limit of ${sizeText(maxBytes)}`);
    return { type: 'text', text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${what}: cannot read ${quoteName(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}
