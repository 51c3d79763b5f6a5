import { describe, expect, it } from 'vitest';
import { discoverInterpreters, type PythonInterpreter } from '../../../src/engine/python/interpreter.js';
import { verifyInterpreter } from '../../../src/engine/python/verify.js';

/*
 * `verify` runs its whole battery on CPython 3.6–3.10 (pyenv here) as on the interpreters it
 * was built on: a quiet test (vitest.quiet.config.ts), one real run a case, since it takes the
 * machine's cores for a while. What agrees is verify's own report (FIDELITY.md); here every case
 * must be measured, on both sides.
 */
const VERSIONS = ['3.6', '3.7', '3.8', '3.9', '3.10'] as const;
const discovered = discoverInterpreters().flatMap((entry) => (entry.ok ? [entry.python] : []));
const cpython = (version: string): PythonInterpreter | undefined =>
  discovered.find((python) => python.implementation === 'CPython' && python.gilEnabled && `${python.major}.${python.minor}` === version);

for (const version of VERSIONS) {
  const python = cpython(version);
  if (python === undefined) {
    it(`verify on CPython ${version}: the interpreter is on this machine`, () => {
      expect.fail(`CPython ${version} not found (PATH, pyenv versions): verify promises it and this machine kind has it`);
    });
    continue;
  }
  describe(`verify on CPython ${python.version} (${python.path})`, () => {
    it('measures every case of the battery, real and emulated, beside the new-GIL twin', async () => {
      const report = await verifyInterpreter(python, { cores: 2, repeats: 1 });
      expect(report.preset).toBe('cpython-3.12');
      expect(report.cases.length).toBeGreaterThanOrEqual(8);
      for (const entry of report.cases) {
        expect({ case: entry.id, real: Number.isFinite(entry.realMedian) && entry.realMedian > 0 }).toEqual({ case: entry.id, real: true });
        expect({ case: entry.id, emulated: Number.isFinite(entry.emulated) && entry.emulated > 0 }).toEqual({ case: entry.id, emulated: true });
      }
    }, 600_000);
  });
}
