import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BUILD = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));

/** vitest's global setup: builds dist/ (type-checking everything) unless it is up to date; a failed build stops the run. */
export function setup(): void {
  const result = spawnSync(process.execPath, [BUILD, '--if-stale'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal}): no test ran`);
}
