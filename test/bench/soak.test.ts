import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SoakSample } from '../../bench/soak.js';

const SOAK = fileURLToPath(new URL('../../dist/bench/soak-cli.js', import.meta.url));

describe('a long dashboard session (shortened: the hour runs in `npm run bench -- soak`)', () => {
  it('keeps memory bounded while replaying and re-running real strategies', () => {
    // As the binary runs it: React's production build.
    const result = spawnSync(process.execPath, ['--expose-gc', SOAK, '16'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    expect(result.status).toBe(0);
    const samples = JSON.parse(result.stdout) as SoakSample[];
    expect(samples).toHaveLength(7);
    const settled = samples[1]!;
    const end = samples.at(-1)!;
    expect(end.realRuns).toBeGreaterThanOrEqual(2);
    // Heap after a full GC: what a leak would grow. A few MB of slack for JIT and caches.
    expect(end.heapMb - settled.heapMb).toBeLessThan(8);
    expect(end.rssMb).toBeLessThan(400);
  }, 70_000);
});
