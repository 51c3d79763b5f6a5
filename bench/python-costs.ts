import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeInterpreter, isolationFlags, measureNsPerIteration, probeInterpreter, type PythonInterpreter } from '../src/engine/python/interpreter.js';
import { ThreadSampler } from '../src/engine/python/thread-sampler.js';
import { assertNever } from '../src/engine/assert-never.js';
import { instructionsPerIteration } from './python-instructions.js';
import { tracedTwoCounts } from './python-two-counts.js';
import { timedInterpreter, type TimedInterpreter } from './python-timed.js';
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
  // The sampler's own work, warm: samples back to back (what a sample costs without the timer
  // waking a cold core first).
  const backToBack = 20_000;
  const cpu0 = cpuUs();
  for (let i = 0; i < backToBack; i++) sampler.sample(Math.round((performance.now() - startMs) * 1_000));
  const warmUsPerSample = (cpuUs() - cpu0) / backToBack;
  sampler.close();
  child.kill('SIGKILL');
  return {
    windows,
    threads: threads.length,
    warmUsPerSample,
    readsPerSample: reads / (samples * threads.length),
    samplesPerSecond: samples / (sampledMs / 1_000),
    cpuUsPerSample: median(perTick),
    cpuUsPerSampleRange: [Math.min(...perTick), Math.max(...perTick)],
    readsPerSecond: reads / (sampledMs / 1_000),
  };
}

type Variant = 'untraced' | 'harness' | 'sampled';
const VARIANTS: readonly Variant[] = ['untraced', 'harness', 'sampled'];

/** One run of one variant: its elapsed, the interpreter's CPU, and the engine's CPU meanwhile (all ms). */
interface Measured {
  wallMs: number;
  pythonCpuMs: number;
  engineCpuMs: number;
}

/**
 * The same two counts three ways — untraced, traced by the harness alone (no sampler), traced
 * and sampled every 1 ms as a real run is — in rounds whose order rotates (A B C, B C A,
 * C A B), so that each ratio is taken inside one round, on the machine as it was then. Besides
 * the elapsed time, each run's CPU: the interpreter's (exact, from wait4: python-timed.ts) and
 * the engine's (this process, which receives the trace and samples), each net of what the same
 * variant uses to start and stop around no work (count(1), the median of a few runs).
 */
async function overhead(timed: TimedInterpreter, strategy: 'sequential' | 'threads', n: number, rounds: number) {
  const { python } = timed;
  const run = async (variant: Variant, iterations: number): Promise<Measured> => {
    const engine0 = cpuUs();
    const wallMs = await elapsedMs(variant, iterations);
    return { wallMs, pythonCpuMs: timed.lastCpuUs() / 1_000, engineCpuMs: (cpuUs() - engine0) / 1_000 };
  };
  const elapsedMs = async (variant: Variant, iterations: number): Promise<number> => {
    switch (variant) {
      case 'untraced': {
        const plain = spawnSync(python.path, [...isolationFlags(python), '-c', UNTRACED, String(iterations), strategy, HARNESS_DIR], { encoding: 'utf8' });
        return Number(plain.stdout.trim()) / 1e6;
      }
      case 'harness':
      case 'sampled': {
        const traced = await tracedTwoCounts(python, strategy, iterations, variant === 'sampled' ? 1 : null);
        if (traced.tasks.some((task) => task.error !== undefined)) throw new Error(`traced ${strategy} failed`);
        return traced.elapsedUs / 1_000;
      }
      default:
        return assertNever(variant, 'overhead variant');
    }
  };
  const fixed = {} as Record<Variant, { pythonCpuMs: number; engineCpuMs: number }>;
  for (const variant of VARIANTS) {
    const idle: Measured[] = [];
    for (let i = 0; i < 3; i++) idle.push(await run(variant, 1));
    fixed[variant] = { pythonCpuMs: median(idle.map((m) => m.pythonCpuMs)), engineCpuMs: median(idle.map((m) => m.engineCpuMs)) };
  }
  const measured: Record<Variant, Measured[]> = { untraced: [], harness: [], sampled: [] };
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(round + k) % VARIANTS.length]!;
      measured[variant].push(await run(variant, n));
    }
  }
  const wall = (variant: Variant) => measured[variant].map((m) => m.wallMs);
  // CPU the work took in the interpreter (its reports and whatever the sampler disturbs
  // included), and the engine's for receiving and sampling, per run.
  const pythonCpu = (variant: Variant) => measured[variant].map((m) => m.pythonCpuMs - fixed[variant].pythonCpuMs);
  const engineCpu = (variant: Variant) => measured[variant].map((m) => m.engineCpuMs - fixed[variant].engineCpuMs);
  const ratios = (over: number[], under: number[]) => over.map((value, i) => value / under[i]!);
  return {
    wall: { untraced: wall('untraced'), harness: wall('harness'), sampled: wall('sampled') },
    pythonCpu: { untraced: pythonCpu('untraced'), harness: pythonCpu('harness'), sampled: pythonCpu('sampled') },
    harnessWall: ratios(wall('harness'), wall('untraced')),
    samplerWall: ratios(wall('sampled'), wall('harness')),
    tracingWall: ratios(wall('sampled'), wall('untraced')),
    harnessCpu: ratios(pythonCpu('harness'), pythonCpu('untraced')),
    samplerCpu: ratios(pythonCpu('sampled'), pythonCpu('harness')),
    tracingCpu: ratios(pythonCpu('sampled'), pythonCpu('untraced')),
    // The engine's CPU while tracing, as a share of the work's: what it would take from the work were every core busy.
    engineShare: ratios(engineCpu('sampled'), pythonCpu('untraced')).map((share) => 1 + share),
  };
}

/** What tracing may cost the work it traces (the target). */
const TARGET = 0.02;

const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)} %`;
const ratioCell = (ratios: number[]) => `${percent(median(ratios))} (${percent(Math.min(...ratios))} – ${percent(Math.max(...ratios))})`;
const verdict = (ratios: number[]) => (median(ratios) - 1 <= TARGET ? `within ${TARGET * 100} %` : `over ${TARGET * 100} %`);
const msCell = (values: number[]) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

export async function pythonCostsBench(): Promise<BenchSection> {
  const python = probeInterpreter('python3');
  const sampler = await samplerCost(python, 10, 500);
  const n = Math.round(500_000_000 / measureNsPerIteration(python));
  const rounds = 12;
  const timed = timedInterpreter(python);
  const wallRows: string[][] = [];
  const cpuRows: string[][] = [];
  try {
    for (const strategy of ['sequential', 'threads'] as const) {
      const m = await overhead(timed, strategy, n, rounds);
      wallRows.push([
        strategy,
        msCell(m.wall.untraced),
        msCell(m.wall.harness),
        msCell(m.wall.sampled),
        ratioCell(m.harnessWall),
        ratioCell(m.samplerWall),
        ratioCell(m.tracingWall),
      ]);
      cpuRows.push([
        strategy,
        msCell(m.pythonCpu.untraced),
        msCell(m.pythonCpu.harness),
        msCell(m.pythonCpu.sampled),
        ratioCell(m.harnessCpu),
        ratioCell(m.samplerCpu),
        `${ratioCell(m.tracingCpu)}: ${verdict(m.tracingCpu)}`,
        ratioCell(m.engineShare),
      ]);
    }
  } finally {
    timed.dispose();
  }
  const instructions = await instructionsPerIteration(python, UNTRACED, HARNESS_DIR);
  const instructionLine =
    instructions === null
      ? 'Instructions per iteration: valgrind is not installed here.'
      : `Instructions per iteration of the loop (valgrind's cachegrind, sequential; a count no load moves): untraced ${instructions.untraced.toFixed(1)}, run by the harness ${instructions.harness.toFixed(1)} (${percent(instructions.harness / instructions.untraced)}): the loop does the same work under the harness.`;
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
          [
            'engine CPU per sample, back to back (the sampler alone, warm)',
            `${sampler.warmUsPerSample.toFixed(1)} µs = ${(sampler.warmUsPerSample / sampler.threads).toFixed(1)} µs a thread`,
          ],
          ['/proc reads a thread a sample (schedstat; stat and syscall only when it moved)', sampler.readsPerSample.toFixed(2)],
          ['/proc reads a second', sampler.readsPerSecond.toFixed(0)],
        ],
      ).join('\n'),
      '',
      `Cost on the work: 2 × count(${n.toLocaleString('en-US')}) untraced, traced by the harness alone, and traced and sampled as a real run is, in ${rounds} rounds of the three in rotating order (A B C, B C A, …). Each cost is the median of ratios taken inside one round (min – max). CPU is the interpreter's own (wait4, exact), net of what the variant spends starting and stopping around no work: what the work cost, whatever else the machine ran meanwhile, so the target (≤ ${TARGET * 100} % of the work) is judged on it; the elapsed times below move with the machine's load. The engine's CPU (receiving the trace, sampling; net the same way) runs beside the work, on another core when one is free: its share is what it would take from the work were every core busy.`,
      '',
      markdownTable(
        [
          'strategy',
          'interpreter CPU ms: untraced',
          'harness only',
          'harness + sampler',
          'harness (÷ untraced)',
          'sampler (÷ harness only)',
          'tracing (÷ untraced)',
          'engine CPU (÷ work)',
        ],
        cpuRows,
      ).join('\n'),
      '',
      instructionLine,
      '',
      markdownTable(
        ['strategy', 'untraced elapsed ms', 'harness only', 'harness + sampler', 'harness (÷ untraced)', 'sampler (÷ harness only)', 'tracing (÷ untraced)'],
        wallRows,
      ).join('\n'),
    ],
  };
}
