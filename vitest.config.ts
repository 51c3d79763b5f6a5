import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One compile per run, before any test: it type-checks src, test and bench and builds dist/,
    // which the CLI tests and real workers run (skipped when dist/ was built from these sources).
    globalSetup: ['test/global-setup.ts'],
    // The build's own output holds compiled copies of the tests.
    exclude: [...configDefaults.exclude, 'dist/**', '.dist-*/**'],
  },
});
