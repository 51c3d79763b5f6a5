import { configDefaults, defineConfig } from 'vitest/config';
import { QUIET_TESTS } from './vitest.config.js';

/**
 * The quiet tests (`*.quiet.test.ts`): real interpreters' timings checked against a tolerance,
 * e.g. the GIL's hold period. `npm test` runs them after the main suite, one file at a time, so
 * that no other test competes for the cores while they measure.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: [QUIET_TESTS],
    exclude: [...configDefaults.exclude, 'dist/**', '.dist-*/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
