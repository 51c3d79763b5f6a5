import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the code', () => {
  it('passes npm run lint (Biome, biome.jsonc), warnings included', () => {
    const result = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: ROOT, encoding: 'utf8' });
    // Biome's report (file, line, rule) is the useful failure message.
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 30_000);
});
