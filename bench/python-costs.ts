import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeInterpreter, isolationFlags, measureNsPerIteration, probeInterpreter, type PythonInterpreter } from '../src/engine/python/interpreter.js';
import { startPythonRun } from '../src/engine/python/python-run.js';
import { ThreadSampler } from '../src/engine/python/thread-sampler.js';
import { assertNever } from '../src/engine/assert-never.js';
import { markdownTable, median, type BenchSection } from './report.js';

/**
 * What tracing a real Python run costs: the /proc sampler's CPU in the engine, and what the
 * harness's reports and the sampler each cost the work (the same program untraced, traced
 * without sampling, and traced and sampled, interleaved).
 */
const HARNESS_DIR = fileURLToPath(new URL('../src/workloads/python/', import.meta.url));

/** The same program as the harness's `threads`/`sequential` of two counts, with nothing reported: prints its elapsed ns. */
const UNTRACED = [
  'import sys, threading',
  'sys.path.insert(0, sys.argv[3])',
  'from harness import count, monotonic_ns',
  'n, strategy = int(sys.argv[1]), sys.argv[2]',
  'start = monotonic_ns()',
  'if strategy == "threads":',
  '    ts = [threading.Thread(target=count, args=(n,)) for _ in range(2)]',
  '    [t.start() for t in ts]',
  '    [t.join() for t in ts]',
  'else:',
  '    count(n); count(n)',
  'print(monotonic_ns() - start)',
].join('\n');

/** Two CPU threads that print their native ids, then count for `seconds`: something to sample. */
const BUSY = [
  'import sys, threading, time',
  'sys.path.insert(0, sys.argv[2])',
  'from harness import count, native_thread_id',
  'import os',
  'def work():',
  '    print(os.getpid(), native_thread_id(), flush=True)',
  '    end = time.time() + float(sys.argv[1])',
  '    while time.time() < end: count(100000)',
  'ts = [threading.Thread(target=work) for _ in range(2)]',
  '[t.start() for t in ts]',
  '[t.join() for t in ts]',
].join('\n');

const cpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Engine CPU per sample (= per ms of run at the default period) and /proc reads a second: windows
 * of a 1 ms timer that samples, alternating with windows of the same timer idle (the baseline).
 */
async function samplerCost(python: PythonInterpreter, windows: number, ticksPerWindow: number) {
  const seconds = windows * 2 * ticksPerWindow * 0.004 + 5;
  const child = spawn(python.path, [...isolationFlags(python), '-c', BUSY, String(seconds), HARNESS_DIR], { stdio: ['ignore', 'pipe', 'inherit'] });
  const threads: [number, number][] = [];
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve) =>
    child.stdout!.on('data', (chunk: string) => {
      for (const line of chunk.trim().split('\n')) threads.push(line.split(' ').map(Number) as [number, number]);
      if (threads.length >= 2) resolve();
    }),
  );
  const sampler = new ThreadSampler();
  for (const [pid, tid] of threads) sampler.follow(pid, tid);
  const startMs = performance.now();
  const window = (work: () => void) =>
    new Promise<{ cpuUs: number; wallMs: number }>((resolve) => {
      const cpu0 = cpuUs();
      const wall0 = performance.now();
      let ticks = 0;
      const timer = setInterval(() => {
        work();
        if (++ticks >= ticksPerWindow) {
          clearInterval(timer);
          resolve({ cpuUs: cpuUs() - cpu0, wallMs: performance.now() - wall0 });
        }
      }, 1);
    });
  const perTick: number[] = [];
  let sampledMs = 0;
  for (let w = 0; w < windows; w++) {
    const idle = await window(() => undefined);
    const sampled = await window(() => sampler.sample(Math.round((performance.now() - startMs) * 1_000)));
    perTick.push((sampled.cpuUs - idle.cpuUs) / ticksPerWindow);
    sampledMs += sampled.wallMs;
  }
  const reads = sampler.reads();
  const samples = sampler.samples(threads[0]![1]).length;
  sampler.close();
  child.kill('SIGKILL');
  return {
    windows,
    threads: threads.length,
    samplesPerSecond: samples / (sampledMs / 1_000),
    cpuUsPerSample: median(perTick),
    cpuUsPerSampleRange: [Math.min(...perTick), Math.max(...perTick)],
    readsPerSecond: reads / (sampledMs / 1_000),
  };
}

type Variant = 'untraced' | 'harness' | 'sampled';
const VARIANTS: readonly Variant[] = ['untraced', 'harness', 'sampled'];

/**
 * Elapsed of the same two counts three ways — untraced, traced by the harness alone (no sampler),
 * traced and sampled every 1 ms as a real run is — in rounds whose order rotates (A B C, B C A,
 * C A B), so that each ratio is taken inside one round, on the machine as it was then.
 */
async function overhead(python: PythonInterpreter, strategy: 'sequential' | 'threads', n: number, rounds: number) {
  const tasks = [0, 1].map((i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls: [{ workload: 'count' as const, argument: n }] }));
  const elapsedMs = async (variant: Variant): Promise<number> => {
    switch (variant) {
      case 'untraced': {
        const plain = spawnSync(python.path, [...isolationFlags(python), '-c', UNTRACED, String(n), strategy, HARNESS_DIR], { encoding: 'utf8' });
        return Number(plain.stdout.trim()) / 1e6;
      }
      case 'harness':
      case 'sampled': {
        const samplePeriodMs = variant === 'sampled' ? 1 : null;
        const run = await startPythonRun({
          python,
          strategy,
          tasks,
          workers: 2,
          switchIntervalUs: 5_000,
          checkInterval: 100,
          cores: 2,
          database: null,
          samplePeriodMs,
        }).done;
        if (run.tasks.some((task) => task.error !== undefined)) throw new Error(`traced ${strategy} failed`);
        return run.elapsedUs / 1_000;
      }
      default:
        return assertNever(variant, 'overhead variant');
    }
  };
  const ms: Record<Variant, number[]> = { untraced: [], harness: [], sampled: [] };
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(round + k) % VARIANTS.length]!;
      ms[variant].push(await elapsedMs(variant));
    }
  }
  const ratios = (over: Variant, under: Variant) => ms[over].map((value, i) => value / ms[under][i]!);
  return { ms, sampler: ratios('sampled', 'harness'), harness: ratios('harness', 'untraced'), total: ratios('sampled', 'untraced') };
}

/** What tracing may cost the work it traces (the target). */
const TARGET = 0.02;

const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)} %`;
const ratioCell = (ratios: number[]) => `${percent(median(ratios))} (${percent(Math.min(...ratios))} – ${percent(Math.max(...ratios))})`;
const verdict = (ratios: number[]) => (median(ratios) - 1 <= TARGET ? `within ${TARGET * 100} %` : `over ${TARGET * 100} %`);

export async function pythonCostsBench(): Promise<BenchSection> {
  const python = probeInterpreter('python3');
  const sampler = await samplerCost(python, 10, 500);
  const n = Math.round(500_000_000 / measureNsPerIteration(python));
  const rounds = 6;
  const rows: string[][] = [];
  for (const strategy of ['sequential', 'threads'] as const) {
    const measured = await overhead(python, strategy, n, rounds);
    const ms = (values: number[]) => `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
    rows.push([
      strategy,
      ms(measured.ms.untraced),
      ms(measured.ms.harness),
      ms(measured.ms.sampled),
      ratioCell(measured.harness),
      ratioCell(measured.sampler),
      `${ratioCell(measured.total)}: ${verdict(measured.total)}`,
      measured.total.map((r) => r.toFixed(3)).join(' '),
    ]);
  }
  return {
    title: 'Tracing a real Python run',
    lines: [
      `${describeInterpreter(python)}; the engine samples ${sampler.threads} busy threads every 1 ms.`,
      '',
      markdownTable(
        ['sampler', 'figure'],
        [
          ['samples a second (1 ms timer)', sampler.samplesPerSecond.toFixed(0)],
          [
            `engine CPU per sample (= per ms of run), net of an idle 1 ms timer: median (min–max of ${sampler.windows} windows, sampled and idle alternating)`,
            `${sampler.cpuUsPerSample.toFixed(1)} µs (${sampler.cpuUsPerSampleRange.map((v) => v.toFixed(1)).join('–')}) = ${((sampler.cpuUsPerSample / 1_000) * 100).toFixed(1)} % of one core`,
          ],
          ['/proc reads a second (schedstat + stat, + syscall when asleep)', sampler.readsPerSecond.toFixed(0)],
        ],
      ).join('\n'),
      '',
      `Cost on the work: 2 × count(${n.toLocaleString('en-US')}) untraced, traced by the harness alone, and traced and sampled as a real run is, in ${rounds} rounds of the three in rotating order (A B C, B C A, …). Each cost is the median of ratios taken inside one round (min – max); the target for tracing as a whole is ≤ ${TARGET * 100} % of the work.`,
      '',
      markdownTable(
        [
          'strategy',
          'untraced',
          'harness only',
          'harness + sampler',
          'harness (÷ untraced)',
          'sampler (÷ harness only)',
          'tracing (÷ untraced)',
          'tracing ratios',
        ],
        rows,
      ).join('\n'),
    ],
  };
}
