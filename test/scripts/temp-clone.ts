import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** What a clone of the repository holds that the build and the binary read (node_modules is shared, not copied). */
const TRACKED = ['bin', 'bench', 'scripts', 'src', 'test', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** A throwaway copy of the repository with no build, sharing this checkout's node_modules. */
export function tempClone(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'concur-clone-'));
  for (const entry of TRACKED) cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
