import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/**
 * What the build and the binary read (node_modules is shared, not copied). Not test/ and bench/:
 * the build compiles them too, but the program does not need them, and a smaller compile keeps
 * these tests cheaper (a test that needs a file there writes it).
 */
const TRACKED = ['bin', 'scripts', 'src', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** A throwaway copy of the repository with no build, sharing this checkout's node_modules. */
export function tempClone(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'concur-clone-'));
  for (const entry of TRACKED) cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
