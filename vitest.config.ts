import { configDefaults, defineConfig } from 'vitest/config';

/** Tests that measure real timings against a tolerance, which other work on the cores would stretch. */
export const QUIET_TESTS = '**/*.quiet.test.ts';

export default defineConfig({
  test: {
    // One compile per run, before any test: it type-checks src, test and bench and builds dist/,
    // which the CLI tests and real workers run (skipped when dist/ was built from these sources).
    globalSetup: ['test/global-setup.ts'],
    // The build's own output holds compiled copies of the tests. Quiet tests run afterwards, alone
    // (vitest.quiet.config.ts).
    exclude: [...configDefaults.exclude, 'dist/**', '.dist-*/**', QUIET_TESTS],
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
    // so every file waited for the previous one, although many mostly wait themselves (tmux
    // screens, real runs that sleep, the soak's 16 s session, the build tests' clones). Three
    // on two cores: 105 s instead of 125 s for the suite (2026-12-01), every test still green.
    maxWorkers: 3,
    // A timeout only ends a test that hangs; it is not a speed check (tests assert no durations
    // that load can stretch). The 5 s default failed CPU-bound tests (property tests, casts)
    // that take 1–2 s on an idle machine, when the machine was busy with other work.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
