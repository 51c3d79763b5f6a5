import { describe, expect, it } from 'vitest';
import { discoverInterpreters, type PythonInterpreter } from '../../../src/engine/python/interpreter.js';
import { startPythonRun } from '../../../src/engine/python/python-run.js';
import type { RealCall } from '../../../src/engine/real/protocol.js';

/** The interpreters the issue names, wherever this machine has them: 2.7, 3.12, 3.13 and PyPy (python3 is tested on its own). */
const WANTED = (python: PythonInterpreter) =>
  python.implementation === 'PyPy' || (python.major === 2 && python.minor === 7) || (python.major === 3 && (python.minor === 12 || python.minor === 13));
const found = discoverInterpreters().flatMap((entry) => (entry.ok && WANTED(entry.python) ? [entry.python] : []));
const byVersion = [...new Map(found.map((python) => [`${python.implementation} ${python.major}.${python.minor}`, python])).values()];

describe.each(byVersion.map((python) => [`${python.implementation} ${python.version}`, python] as const))('the harness on %s', (_name, python) => {
  it('runs threads under its GIL, and a task that raises fails only its lane', async () => {
    // PyPy's JIT runs the loop ~30× faster: give it as long a run as CPython gets.
    const n = python.implementation === 'PyPy' ? 60_000_000 : 2_000_000;
    const count: RealCall = { workload: 'count', argument: n };
    const run = await startPythonRun({
      python,
      strategy: 'threads',
      workers: 2,
      switchIntervalUs: 5_000,
      checkInterval: 100,
      cores: 2,
      database: null,
      tasks: ([[count], [count], [{ workload: 'fault', argument: 1 }]] as RealCall[][]).map((calls, i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls })),
    }).done;
    expect(run.tasks.map((task) => task.error)).toEqual([undefined, undefined, 'RuntimeError: injected fault: the workload raised']);
    expect(run.setup).toMatchObject({ runtime: 'python', gil: python.gilEnabled });
    // A waiter sleeps on the new GIL (3.x, PyPy) until it is its turn: gil-wait. The old GIL (2.7)
    // wakes its waiters at every release to race for it, so they spend much of the wait on a
    // core: that battle (Beazley, 2009) may show as running and ready rather than gil-wait.
    if (python.gilEnabled && python.major >= 3) expect(run.spans.some((span) => span.state === 'gil-wait')).toBe(true);
  }, 60_000);
});

it('finds at least python3 here (the suite tests the runtime on it)', () => {
  expect(discoverInterpreters().some((entry) => entry.ok && entry.python.major === 3)).toBe(true);
});
