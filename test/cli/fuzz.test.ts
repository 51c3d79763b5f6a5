import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorLine } from '../../src/cli/error-line.js';
import { checkExportPath } from '../../src/cli/export-options.js';
import { EMULATOR_OPTIONS, resolveParams, type EmulatorFlags } from '../../src/cli/emulator-options.js';
import { REAL_OPTIONS, resolveRealSetup, type RealFlags } from '../../src/cli/real-options.js';
import { fixedSize } from '../../src/cli/recording.js';
import { PARAMS, TUTORIAL_CALIBRATION, UsageError, findScenario, parseDuration, parseTasks } from '../../src/engine/index.js';
import { parseTape } from '../../src/export/tape.js';
import { runCli } from './run-cli.js';

/** Runs `fn`: it returns, or throws a UsageError whose stderr line is one line without a stack. */
function acceptedOrRefused<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const line = errorLine((error as Error).message);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toMatch(/[\u0000-\u001F]/);
    expect(line.length).toBeGreaterThan('concur-tui: '.length);
    return undefined;
  }
}

/** Strings near the tools' syntax (digits, units, separators) and anything else. */
const nearSyntax = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[\d.,+:@a-z \-\n\u001B]{0,40}$/),
  fc.constantFrom('0', '-1', '1e999', 'NaN', '0x10', '1.5', '  7 ', '100000', '4ms', '1us', '0.5s', '9999999h', ''),
);
const FUZZ_RUNS = 2_000;

describe('bad input never escapes as anything but one clear line (fast-check)', () => {
  it('--tasks: parsed into whole positive microseconds, or refused', () => {
    const phrase = fc.stringMatching(/^((cpu|io):)?\d{1,7}(\.\d{1,3})?(us|ms|s)?$/);
    const taskText = fc.array(phrase, { minLength: 1, maxLength: 4 }).map((phases) => phases.join('+'));
    const list = fc.oneof(
      nearSyntax,
      fc.array(taskText, { minLength: 1, maxLength: 5 }).map((tasks) => tasks.join(',')),
    );
    fc.assert(
      fc.property(list, (text) => {
        const tasks = acceptedOrRefused(() => parseTasks(text));
        for (const task of tasks ?? []) {
          expect(Number.isSafeInteger(task.arrivalUs) && task.arrivalUs >= 0).toBe(true);
          for (const phase of task.phases) expect(Number.isSafeInteger(phase.us) && phase.us > 0).toBe(true);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('durations: whole microseconds within 24 hours, or refused', () => {
    fc.assert(
      fc.property(nearSyntax, (text) => {
        const us = acceptedOrRefused(() => parseDuration(text, '--quantum'));
        if (us !== undefined) expect(Number.isSafeInteger(us) && us >= 0 && us <= 86_400_000_000).toBe(true);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('every emulator flag: parameters within the limits, or refused', () => {
    const flagNames = Object.keys(EMULATOR_OPTIONS).filter((name) => !['scenario', 'tasks', 'interpreter', 'calibration'].includes(name));
    const flags = fc.dictionary(fc.constantFrom(...flagNames), nearSyntax, { maxKeys: 4 });
    fc.assert(
      fc.property(flags, fc.option(fc.constantFrom('cpython-3.12', 'pypy', 'nope')), (raw, interpreter) => {
        const params = acceptedOrRefused(() => resolveParams({ ...raw, ...(interpreter ? { interpreter } : {}) } as EmulatorFlags, 'tasks'));
        if (!params) return;
        expect(params.cores).toBeGreaterThanOrEqual(1);
        expect(params.cores).toBeLessThanOrEqual(PARAMS.cores.value.max);
        expect(params.quantumUs).toBeGreaterThanOrEqual(1);
        expect(params.switchIntervalUs).toBeGreaterThanOrEqual(1);
        expect(params.workers).toBeLessThanOrEqual(PARAMS.workers.value.max);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('every real-run flag and scenario name: a runnable spec, or refused', () => {
    const names = [...Object.keys(REAL_OPTIONS), 'gil', 'switch-interval', 'scenario'];
    const flags = fc.dictionary(fc.constantFrom(...names), nearSyntax, { maxKeys: 4 });
    fc.assert(
      fc.property(flags, (raw) => {
        const setup = acceptedOrRefused(() => resolveRealSetup(raw as RealFlags, TUTORIAL_CALIBRATION));
        if (!setup) return;
        expect(setup.spec.tasks.length).toBeGreaterThan(0);
        expect(setup.spec.threads).toBeGreaterThanOrEqual(1);
        expect(['none', 'new']).toContain(setup.spec.gil);
      }),
      { numRuns: FUZZ_RUNS / 2 },
    );
    expect(() => findScenario('juggel')).toThrow(/unknown scenario 'juggel' \(choose from add-sub, count/);
  });

  it('tapes: steps, or an error naming the line', () => {
    const line = fc.oneof(nearSyntax, fc.constantFrom('Type "+"', 'Sleep 1s', 'Tab 3', 'Ctrl+C', 'Left@10ms 2', '# c', 'Output x.gif', 'Type "'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        try {
          parseTape(lines.join('\n'), 'fuzz.tape');
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).toMatch(/^fuzz\.tape:\d+: /);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('sizes and export paths: accepted within bounds, or refused', () => {
    fc.assert(
      fc.property(fc.option(nearSyntax), fc.option(nearSyntax), nearSyntax, (cols, rows, path) => {
        const size = acceptedOrRefused(() => fixedSize({ cols: cols ?? undefined, rows: rows ?? undefined }, { columns: 80, rows: 24 }));
        if (size) expect(size.columns >= 60 && size.columns <= 500 && size.rows >= 14 && size.rows <= 200).toBe(true);
        acceptedOrRefused(() => checkExportPath({ export: path }));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

// In-process (test/cli/run-cli.ts): the command line as the binary parses it, without ~0.3 s of
// start-up per case; binary.test.ts shows that the binary prints such a refusal as it is.
describe('the command line under random flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concur-fuzz-'));
  const flagValues: Record<string, fc.Arbitrary<string>> = {
    '--cores': nearSyntax,
    '--quantum': nearSyntax,
    '--switch-interval': nearSyntax,
    '--gil': fc.constantFrom('none', 'new', 'old', 'sometimes', ''),
    '--policy': fc.constantFrom('rr', 'fifo', 'sjf', 'lottery'),
    '--scenario': fc.constantFrom('count', 'sleep', 'juggle', 'nope', ''),
    '--tasks': fc.oneof(nearSyntax, fc.constantFrom('1ms,2ms', 'io:1ms+1ms', '5ms@1ms')),
    '--strategy': fc.constantFrom('all', 'threads', 'sequential,async', 'fibers', ''),
    '--export': fc.constantFrom(join(dir, 'a.txt'), join(dir, 'missing', 'a.json')),
    '--bogus': nearSyntax,
    '--fps': nearSyntax,
    '--speed': nearSyntax,
    '--cols': nearSyntax,
    '--rows': nearSyntax,
    '--script': fc.constantFrom(join(dir, 'missing.tape'), dir),
    '--interpreter': fc.constantFrom('pypy', 'cpython-3.13t', 'cpython-4'),
  };
  const argv = fc.tuple(
    // '' is the dashboard, which prints its final table without a terminal (CI=1).
    fc.constantFrom('emulate', 'scenarios', ''),
    fc
      .uniqueArray(fc.constantFrom(...Object.keys(flagValues)), { maxLength: 3 })
      .chain((names) => fc.tuple(...names.map((name) => flagValues[name]!.map((value) => [name, value] as const)))),
  );

  it('exits 0 or 2; a refusal is one line on stderr, never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async ([command, pairs]) => {
        const args = [...(command ? [command] : []), ...pairs.flat()];
        // An internal error is rethrown by runCli, with its stack: the property fails on it.
        const result = await runCli(args);
        expect([0, 2]).toContain(result.code);
        if (result.code === 2) {
          expect(result.stderr).toMatch(/^concur-tui: [^\n]+\n$/);
          expect(result.stdout).toBe('');
        }
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});
