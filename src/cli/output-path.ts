import { statSync } from 'node:fs';
import { UsageError, checkOutputTarget, quoteName } from '../engine/descriptors.js';

/**
 * What the name alone can tell about a file to write: it has one, and it is not a directory.
 * Both stay true, so they can be checked before a dashboard opens that writes much later.
 */
export function checkFileName(path: string, flag: string): void {
  if (path === '') throw new UsageError(`--${flag}: the file name is empty`);
  if (isDirectory(path)) throw new UsageError(`--${flag}: ${quoteName(path)} is a directory; name a file in it`);
}

/**
 * Checks a file about to be written (--record, --export, calibrate's --output) before any work,
 * so that a typo costs nothing: the one output rule of `checkOutputTarget` (a directory to put
 * it in; only a regular file or a link in the way, and that only with `force`). Nothing is
 * created here; a missing directory is the user's to make.
 */
export function checkOutputPath(path: string, flag: string, force: boolean): void {
  checkOutputTarget(path, flag, force);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing, or a name the write itself will refuse with its reason
  }
}
