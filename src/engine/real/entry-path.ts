import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled `.js` file of a worker or child entry. Workers and children always load the
 * build output (Node 20 cannot load .ts, and a TypeScript loader would cost ~160 ms a worker),
 * also when this module itself runs from source under vitest.
 */
export function builtEntry(name: string): string {
  const here = fileURLToPath(import.meta.url);
  const path = here.endsWith('.ts')
    ? fileURLToPath(new URL(`../../../dist/src/engine/real/${name}`, import.meta.url))
    : fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}
