import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../engine/index.js';

function kindOf(path: string): 'missing' | 'directory' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * What the name alone can tell about a file to write: it has one, and it is not a directory.
 * Both stay true, so they can be checked before a dashboard opens that writes much later.
 */
export function checkFileName(path: string, flag: string): void {
  if (path === '') throw new UsageError(`--${flag}: the file name is empty`);
  if (kindOf(path) === 'directory') throw new UsageError(`--${flag}: ${path} is a directory; name a file in it`);
}

/**
 * Checks a file about to be written (--record, --export, calibrate's --output) before any work,
 * so that a typo costs nothing: a name, a directory to put it in, and no file in the way
 * unless `force`. Nothing is created here; a missing directory is the user's to make.
 */
export function checkOutputPath(path: string, flag: string, force: boolean): void {
  checkFileName(path, flag);
  const dir = dirname(path);
  const dirKind = kindOf(dir);
  if (dirKind === 'missing') throw new UsageError(`--${flag}: directory ${dir} does not exist`);
  if (dirKind === 'other') throw new UsageError(`--${flag}: ${dir} is not a directory`);
  if (!force && existsSync(path)) throw new UsageError(`${path} exists; use --force to overwrite`);
}
