import { availableParallelism } from 'node:os';
import {
  DEFAULT_PARAMS,
  findScenario,
  realTasksFromScenario,
  startRealRun,
  type Calibration,
  type RealRunSpec,
  type RealTask,
  type Run,
} from '../src/engine/index.js';
import { measureNodeNsPerIteration, TUTORIAL_CALIBRATION } from '../src/engine/index.js';
import { markdownTable, median, type BenchSection } from './report.js';

const ROUNDS = 3;

/** When the last lane finished starting up (pool or child start), 0 if nothing started. */
const startupUs = (run: Run) => Math.max(0, ...run.spans.filter((s) => s.state === 'spawn').map((s) => s.endUs));
const ms = (us: number) => `${(us / 1_000).toFixed(1)} ms`;

interface Variant {
  label: string;
  spec: Omit<RealRunSpec, 'tasks'>;
}

const base = {
  workers: availableParallelism(),
  threads: availableParallelism(),
  procs: availableParallelism(),
  gil: 'none',
  switchIntervalUs: DEFAULT_PARAMS.switchIntervalUs,
} as const;

/** Rounds of every variant interleaved, so machine noise hits them alike; medians per variant. */
async function measure(tasks: RealTask[], variants: Variant[], rounds: number) {
  const runs = new Map<string, Run[]>(variants.map((v) => [v.label, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) runs.get(variant.label)!.push(await startRealRun({ ...variant.spec, tasks }).done);
  }
  return variants.map((variant) => {
    const list = runs.get(variant.label)!;
    const failed = list.flatMap((run) => run.tasks.filter((t) => t.error)).length;
    return {
      label: variant.label,
      elapsedUs: median(list.map((run) => run.elapsedUs)),
      startupUs: median(list.map(startupUs)),
      afterStartupUs: median(list.map((run) => run.elapsedUs - startupUs(run))),
      gilHandoffs: median(list.map((run) => run.gilHandoffs)),
      failed,
    };
  });
}

async function countSection(calibration: Calibration): Promise<string[]> {
  const tasks = realTasksFromScenario(findScenario('count'), { scale: 0.1, calibration, io: 'sleep' });
  const results = await measure(
    tasks,
    [
      { label: 'sequential', spec: { ...base, strategy: 'sequential' } },
      { label: 'async', spec: { ...base, strategy: 'async' } },
      { label: 'threads', spec: { ...base, strategy: 'threads' } },
      { label: 'processes', spec: { ...base, strategy: 'processes' } },
      { label: 'threads --gil new', spec: { ...base, strategy: 'threads', gil: 'new' } },
    ],
    ROUNDS,
  );
  const sequential = results[0]!.elapsedUs;
  const rows = results.map((r) => [r.label, ms(r.elapsedUs), (r.elapsedUs / sequential).toFixed(2), ms(r.startupUs), String(r.gilHandoffs), String(r.failed)]);
  const iterations = tasks[0]!.calls[0]!.argument;
  return [
    `### count: two tasks of ${iterations.toLocaleString('en-US')} iterations (${ROUNDS} interleaved rounds, medians)`,
    '',
    `${availableParallelism()} cores: the physical limit for two CPU-bound tasks is 0.50 × sequential. Elapsed includes start-up (pool or fork), drawn as \`spawn\`.`,
    '',
    ...markdownTable(['strategy', 'elapsed', '÷ sequential', 'start-up', 'GIL hand-offs', 'failed'], rows),
    '',
    'Targets: threads and processes ≤ 0.55; async ≈ 1; threads --gil new ≈ 1.',
  ];
}

async function ioSection(): Promise<string[]> {
  const hundred = (workload: 'query' | 'sleep'): RealTask[] =>
    Array.from({ length: 100 }, (_, i) => ({ name: i % 2 ? 'projects' : 'employees', arrivalUs: 0, calls: [{ workload, argument: 100 }] }));
  const fast = [
    { label: 'async', spec: { ...base, strategy: 'async' } },
    { label: 'threads (one per task)', spec: { ...base, strategy: 'threads' } },
  ] satisfies Variant[];
  const rows: string[][] = [];
  for (const workload of ['query', 'sleep'] as const) {
    const results = await measure(hundred(workload), fast, ROUNDS);
    for (const r of results) rows.push([`${workload} × 100`, r.label, ms(r.elapsedUs), ms(r.startupUs), ms(r.afterStartupUs), String(r.failed)]);
  }
  const [sequential] = await measure(hundred('query'), [{ label: 'sequential', spec: { ...base, strategy: 'sequential' } }], 1);
  rows.push([
    'query × 100',
    'sequential (1 run)',
    ms(sequential!.elapsedUs),
    ms(sequential!.startupUs),
    ms(sequential!.afterStartupUs),
    String(sequential!.failed),
  ]);
  return [
    '### db / sleep: 100 concurrent 100 ms waits',
    '',
    'Queries go over loopback TCP to the run\'s slow database server. "after start-up" excludes the start-up (none for async, whose loop runs on the host worker; 100 threads for threads).',
    '',
    ...markdownTable(['workload', 'strategy', 'elapsed', 'start-up', 'after start-up', 'failed'], rows),
    '',
    'Targets: async and worker ≤ 150 ms (after start-up); sequential ≈ 10 s.',
  ];
}

/** Real strategies on this machine: speed-ups vs sequential and I/O overlap. */
export async function realBench(): Promise<BenchSection> {
  const nodeNs = measureNodeNsPerIteration(100_000_000, 3);
  const calibration = { ...TUTORIAL_CALIBRATION, nodeNsPerIteration: nodeNs, source: 'measured by the bench' };
  return {
    title: 'Real engine',
    lines: [
      `Node count loop here: ${nodeNs.toFixed(3)} ns/iteration (the real count is sized by duration with this figure).`,
      '',
      ...(await countSection(calibration)),
      '',
      ...(await ioSection()),
    ],
  };
}
