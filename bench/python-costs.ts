import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeInterpreter, isolationFlags, measureNsPerIteration, probeInterpreter, type PythonInterpreter } from '../src/engine/python/interpreter.js';
import { startPythonRun } from '../src/engine/python/python-run.js';
import { ThreadSampler } from '../src/engine/python/thread-sampler.js';
import { markdownTable, median, type BenchSection } from './report.js';

/**
 * What tracing a real Python run costs: the /proc sampler's CPU in the engine, and the harness's
 * instrumentation on the work (a traced run against the same program untraced, interleaved).
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
  const reads = threads.reduce((sum, [, tid]) => sum + sampler.samples(tid).reduce((n, sample) => n + (sample.runnable ? 2 : 3), 0), 0);
  const samples = sampler.samples(threads[0]![1]).length;
  sampler.close();
  child.kill('SIGKILL');
  return {
    threads: threads.length,
    samplesPerSecond: samples / (sampledMs / 1_000),
    cpuUsPerSample: median(perTick),
    cpuUsPerSampleRange: [Math.min(...perTick), Math.max(...perTick)],
    readsPerSecond: reads / (sampledMs / 1_000),
  };
}

/** Elapsed of the traced run (harness + sampler) and of the same program untraced, A B A B. */
async function overhead(python: PythonInterpreter, strategy: 'sequential' | 'threads', n: number, pairs: number) {
  const traced: number[] = [];
  const untraced: number[] = [];
  const tasks = [0, 1].map((i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls: [{ workload: 'count' as const, argument: n }] }));
  for (let pair = 0; pair < pairs; pair++) {
    const run = await startPythonRun({ python, strategy, tasks, workers: 2, switchIntervalUs: 5_000, checkInterval: 100, cores: 2, database: null }).done;
    if (run.tasks.some((task) => task.error !== undefined)) throw new Error(`traced ${strategy} failed`);
    traced.push(run.elapsedUs / 1_000);
    const plain = spawnSync(python.path, [...isolationFlags(python), '-c', UNTRACED, String(n), strategy, HARNESS_DIR], { encoding: 'utf8' });
    untraced.push(Number(plain.stdout.trim()) / 1e6);
  }
  return { traced, untraced, ratios: traced.map((ms, i) => ms / untraced[i]!) };
}

export async function pythonCostsBench(): Promise<BenchSection> {
  const python = probeInterpreter('python3');
  const sampler = await samplerCost(python, 10, 500);
  const n = Math.round(500_000_000 / measureNsPerIteration(python));
  const rows: string[][] = [];
  for (const strategy of ['sequential', 'threads'] as const) {
    const { traced, untraced, ratios } = await overhead(python, strategy, n, 6);
    const ms = (values: number[]) => `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
    rows.push([strategy, ms(traced), ms(untraced), `${((median(ratios) - 1) * 100).toFixed(1)} %`, ratios.map((r) => r.toFixed(3)).join(' ')]);
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
            'engine CPU per sample (= per ms of run), net of an idle 1 ms timer: median (min–max of 10 windows)',
            `${sampler.cpuUsPerSample.toFixed(1)} µs (${sampler.cpuUsPerSampleRange.map((v) => v.toFixed(1)).join('–')})`,
          ],
          ['/proc reads a second (schedstat + stat, + syscall when asleep)', sampler.readsPerSecond.toFixed(0)],
        ],
      ).join('\n'),
      '',
      `Instrumentation on the work: 2 × count(${n.toLocaleString('en-US')}) traced by the harness and sampler vs the same program untraced, interleaved A B, 6 pairs (median, min–max; overhead = median of the pair ratios − 1):`,
      '',
      markdownTable(['strategy', 'traced', 'untraced', 'overhead', 'pair ratios'], rows).join('\n'),
    ],
  };
}
