import { describe, expect, it } from 'vitest';
import { discoverInterpreters, type PythonInterpreter } from '../../../src/engine/python/interpreter.js';
import { startPythonRun } from '../../../src/engine/python/python-run.js';
import { spec } from './python-helpers.js';
import type { RealCall } from '../../../src/engine/real/protocol.js';
import type { EmulatedStrategy } from '../../../src/engine/index.js';

/**
 * Every interpreter the harness promises to run on, wherever this machine has it: CPython 2.7
 * and 3.6–3.13 (pyenv on this machine kind), and PyPy (`.ci/run` installs it). One that is absent
 * fails, naming it: a promise left untested is not a pass. python3 on PATH is tested on its own too.
 */
const VERSIONS = ['2.7', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;
const discovered = discoverInterpreters().flatMap((entry) => (entry.ok ? [entry.python] : []));
const cpython = (version: string) =>
  discovered.find((python) => python.implementation === 'CPython' && python.gilEnabled && `${python.major}.${python.minor}` === version);
const pypy = discovered.find((python) => python.implementation === 'PyPy');
const wanted: [string, PythonInterpreter | undefined][] = [
  ...VERSIONS.map((version): [string, PythonInterpreter | undefined] => [`CPython ${version}`, cpython(version)]),
  ['PyPy', pypy],
];

for (const [name, python] of wanted) {
  if (python === undefined) {
    it(`the harness on ${name}: the interpreter is on this machine`, () => {
      expect.fail(`${name} not found (PATH, pyenv versions): the harness promises it and this machine kind has it`);
    });
    continue;
  }
  describe(`the harness on ${name} (${python.version}, ${python.path})`, () => {
    it('runs threads under its GIL, and a task that raises fails only its lane', async () => {
      // PyPy's JIT runs the loop ~30× faster. Its waiter polls for the GIL every 0.1 ms, so a
      // sample sees it asleep on the GIL less often than CPython's: it gets ~4× CPython's run
      // (~0.3 s), enough samples for a gil-wait on a busy machine (CI once saw none in 0.08 s).
      // CPython's count is as long (~0.2 s a thread): at 2 M, 3.8 once showed none beside a loaded suite.
      const n = python.implementation === 'PyPy' ? 240_000_000 : 4_000_000;
      const count: RealCall = { workload: 'count', argument: n };
      const run = await startPythonRun(spec('threads', [[count], [count], [{ workload: 'fault', argument: 1 }]], { python })).done;
      expect(run.tasks.map((task) => task.error)).toEqual([undefined, undefined, 'RuntimeError: injected fault: the workload raised']);
      expect(run.setup).toMatchObject({ runtime: 'python', gil: python.gilEnabled });
      // A waiter sleeps on the new GIL (3.x, PyPy) until it is its turn: gil-wait. The old GIL (2.7)
      // wakes its waiters at every release to race for it, so they spend much of the wait on a
      // core: that battle (Beazley, 2009) may show as running and ready rather than gil-wait.
      if (python.gilEnabled && python.major >= 3) expect(run.spans.some((span) => span.state === 'gil-wait')).toBe(true);
    }, 60_000);

    // asyncio needs Python 3 (the harness says so on 2.7, tested with the CLI).
    const strategies: EmulatedStrategy[] = ['sequential', 'thread-pool', 'processes', 'process-pool', ...(python.major >= 3 ? (['async'] as const) : [])];
    it(`runs ${strategies.join(', ')}: every task finishes, a count and a sleep each`, async () => {
      // A count long enough for the 1 ms sampler to see it run: PyPy's JIT counts ~30× faster.
      const calls: RealCall[] = [
        { workload: 'count', argument: python.implementation === 'PyPy' ? 6_000_000 : 200_000 },
        { workload: 'sleep', argument: 20 },
      ];
      for (const strategy of strategies) {
        const run = await startPythonRun(spec(strategy, [calls, calls], { python })).done;
        expect({ strategy, errors: run.tasks.map((task) => task.error) }).toEqual({ strategy, errors: [undefined, undefined] });
        // Each lane ran its count and slept its sleep: both states are on it.
        for (const lane of [0, 1]) {
          const states = new Set(run.spans.filter((span) => span.lane === lane).map((span) => span.state));
          expect({ strategy, lane, running: states.has('running'), io: states.has('io') }).toEqual({ strategy, lane, running: true, io: true });
        }
      }
    }, 120_000);
  });
}

it('finds at least python3 here (the suite tests the runtime on it)', () => {
  expect(discoverInterpreters().some((entry) => entry.ok && entry.python.major === 3)).toBe(true);
});
