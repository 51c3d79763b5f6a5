import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { planAffinity } from '../src/engine/affinity.js';
import { describeInterpreter, discoverInterpreters, type PythonInterpreter } from '../src/engine/python/interpreter.js';
import { markdownTable, median, type BenchSection } from './report.js';

/**
 * `npm run bench -- python-threads`: what the count loop costs on each kind of thread, in thread
 * CPU time (what it used, whoever else ran), pinned to one core as verify's one-core cases are.
 * It backs two figures of the emulator's presets: CPython 3.12 and 3.13 ran the loop 4–7 % slower
 * on the main thread than on a thread made by threading (the harness's sequential therefore runs
 * on a thread of its own), and PyPy's cost per iteration with threads on, which is its GIL's
 * tick (pypy-gil.ts: one tick per iteration of a short JIT-compiled loop).
 */
const ROUNDS = 5;
const COUNTS = 4;

// Per round, in one process: COUNTS counts on the main thread, COUNTS in turn on one other
// thread, COUNTS threads at once; each count's thread CPU ns per iteration. Python 3.3+ (thread_time: 3.7+).
const PROBE = `
import sys, threading, time
def count(n):
    total = 0
    for i in range(n):
        total = total + i
    return total
n = int(sys.argv[1])
def timed(out):
    start = time.thread_time(); count(n); out.append((time.thread_time() - start) * 1e9 / n)
main, other, four = [], [], []
threading.Thread(target=lambda: None).start()  # threads on from the start (PyPy's ticker)
for _ in range(${COUNTS}):
    timed(main)
t = threading.Thread(target=lambda: [timed(other) for _ in range(${COUNTS})]); t.start(); t.join()
ts = [threading.Thread(target=timed, args=(four,)) for _ in range(${COUNTS})]
for t in ts: t.start()
for t in ts: t.join()
print(' '.join('%.3f' % x for x in main + other + four))
`;

interface Costs {
  main: number[];
  other: number[];
  four: number[];
}

function measure(python: PythonInterpreter, iterations: number, pinned: string[]): Costs | null {
  const result = spawnSync(pinned[0] ?? python.path, [...pinned.slice(1), ...(pinned.length > 0 ? [python.path] : []), '-c', PROBE, String(iterations)], {
    encoding: 'utf8',
  });
  const values = result.stdout.trim().split(' ').map(Number);
  if (result.status !== 0 || values.length !== 3 * COUNTS || values.some((v) => !Number.isFinite(v))) return null;
  return { main: values.slice(0, COUNTS), other: values.slice(COUNTS, 2 * COUNTS), four: values.slice(2 * COUNTS) };
}

export async function pythonThreadsBench(): Promise<BenchSection> {
  const wanted = (python: PythonInterpreter) =>
    python.gilEnabled && (python.implementation === 'PyPy' || (python.major === 3 && python.minor >= 11 && python.minor <= 13));
  const found = discoverInterpreters().flatMap((entry) => (entry.ok && wanted(entry.python) ? [entry.python] : []));
  const byName = new Map(found.map((python) => [describeInterpreter(python), python]));
  const one = planAffinity(1);
  const pinned = one.cpus !== null && one.taskset !== null ? [one.taskset, '-c', one.cpus.join(',')] : [];
  const costs = new Map<string, Costs>([...byName.keys()].map((name) => [name, { main: [], other: [], four: [] }]));
  // Rounds interleave the interpreters, so a burst of load falls on all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, python] of byName) {
      const measured = measure(python, python.implementation === 'PyPy' ? 100_000_000 : 3_000_000, pinned);
      if (measured === null) continue;
      const into = costs.get(name)!;
      into.main.push(...measured.main);
      into.other.push(...measured.other);
      into.four.push(...measured.four);
    }
  }
  // PyPy's iterations take about a nanosecond: two decimals there, one for CPython's tens.
  const ns = (values: number[]) => (values.length === 0 ? '—' : median(values).toFixed(median(values) < 10 ? 2 : 1));
  const ratio = (a: number[], b: number[]) => (a.length === 0 || b.length === 0 ? '—' : `${(median(a) / median(b)).toFixed(3)}×`);
  const rows = [...costs].map(([name, c]) => [name, ns(c.main), ns(c.other), ns(c.four), ratio(c.main, c.other), ratio(c.four, c.other)]);
  return {
    title: 'Python: the count loop on the main thread and on other threads',
    lines: [
      `Thread CPU time per iteration of the tutorial's loop (ns, median of ${ROUNDS} interleaved rounds × ${COUNTS} counts), ${pinned.length > 0 ? `pinned to CPU ${one.cpus!.join(',')}` : 'not pinned (no taskset)'}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end.`,
      '',
      ...markdownTable(['interpreter', 'main thread', 'one other thread', 'four threads at once', 'main ÷ other', 'four ÷ other'], rows),
      '',
      'verify compares threads with sequential; the harness runs sequential on one thread of its own, so the main column does not enter it. PyPy’s “one other thread” is its GIL’s tick (pypy-gil.ts, PYPY_COUNT_ITERATION_NS).',
    ],
  };
}
