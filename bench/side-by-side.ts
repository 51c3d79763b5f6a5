import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatElapsed, formatSpeedup, type Run, type Trace } from '../src/engine/index.js';
import { traceFromJson } from '../src/export/trace-json.js';
import { markdownTable, type BenchSection } from './report.js';

/**
 * The real table beside the emulated one, as a user gets them: `run --repeat 5 --json` and
 * `emulate --json` of the built binary, on the emulated scenario's cores. Speed-ups compare
 * (real count runs are scaled: their elapsed is not the emulated one's), and each row gets the
 * physical limit the workload allows on those cores.
 */
const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const SCENARIOS = ['count', 'sleep', 'db', 'compress'] as const;
const REPEAT = 5;

function concurTui(args: string[], what: string): Trace {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: '1' } });
  // Exit 3 = some task failed: still a trace, and the table says so.
  if (result.status !== 0 && result.status !== 3) throw new Error(`${what}: exit ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  return traceFromJson(result.stdout, what);
}

/** Time one task takes alone: its CPU plus its I/O, from the emulated sequential run (where nothing else runs). */
function aloneUs(run: Run, lane: number): number {
  return run.spans.filter((span) => span.lane === lane && (span.state === 'running' || span.state === 'io')).reduce((sum, s) => sum + s.endUs - s.startUs, 0);
}

/**
 * The largest speed-up any strategy can have on `cores`: sequential ÷ the shortest possible
 * makespan, which is at least the longest task alone and at least the CPU work spread over every core.
 */
function physicalLimit(sequential: Run, cores: number): number {
  const longest = Math.max(...sequential.lanes.map((_, lane) => aloneUs(sequential, lane)));
  const cpu = sequential.tasks.reduce((sum, task) => sum + task.cpuUs, 0);
  return sequential.elapsedUs / Math.max(longest, cpu / cores);
}

const speedup = (run: Run | undefined) => (run?.speedupVsSequential == null ? '–' : `${formatSpeedup(run.speedupVsSequential)}×`);

async function scenarioTable(scenario: string): Promise<string[]> {
  const emulated = concurTui(['emulate', '--scenario', scenario, '--strategy', 'all', '--json'], `emulate ${scenario}`);
  const cores = emulated.emulator!.cores;
  const real = concurTui(
    ['run', '--scenario', scenario, '--strategy', 'all', '--cores', String(cores), '--repeat', String(REPEAT), '--json'],
    `run ${scenario}`,
  );
  const sequential = emulated.runs.find((run) => run.strategy === 'sequential')!;
  const limit = physicalLimit(sequential, cores);
  const rows = emulated.runs.map((twin) => {
    const run = real.runs.find((r) => r.strategy === twin.strategy);
    const repeats = run?.source === 'real' ? run.repeats : undefined;
    const spread = repeats ? `${formatElapsed(repeats.minUs)}–${formatElapsed(repeats.maxUs)}` : '–';
    const failed = run ? run.tasks.filter((task) => task.error !== undefined).length : 0;
    const disturbed = run?.source === 'real' && run.disturbed ? `disturbed: ${run.disturbedReason}` : '';
    const flags = [disturbed, failed > 0 ? `${failed} failed` : ''].filter(Boolean).join(', ');
    return [
      twin.strategy,
      run ? formatElapsed(run.elapsedUs) : '–',
      spread,
      speedup(run),
      formatElapsed(twin.elapsedUs),
      speedup(twin),
      `${formatSpeedup(limit)}×`,
      flags || 'ok',
    ];
  });
  const granted = real.runs.find((run) => run.source === 'real')?.setup;
  const grantedCores = granted && typeof granted === 'object' && 'coresGranted' in granted ? String(granted.coresGranted) : '?';
  return [
    `### ${scenario}: ${cores} core${cores === 1 ? '' : 's'} asked, ${grantedCores} granted, real median of ${REPEAT} interleaved runs`,
    '',
    ...markdownTable(['strategy', 'real (median)', 'real min–max', 'real speed-up', 'emulated', 'emulated speed-up', 'limit', 'real run'], rows),
    ...real.notes.map((note) => `\nNote: ${note}`),
  ];
}

export async function sideBySideBench(): Promise<BenchSection> {
  const tables: string[] = [];
  for (const scenario of SCENARIOS) tables.push(...(await scenarioTable(scenario)), '');
  return {
    title: 'Real beside emulated',
    lines: [
      `\`run --scenario S --strategy all --cores C --repeat ${REPEAT} --json\` beside \`emulate --scenario S --strategy all --json\`, C the scenario's cores; Node runtime, real GIL as the dashboard's (new, 5 ms).`,
      "Elapsed on both sides runs from the strategy's start (its own start-up included) to the last task's end. Real CPU work is scaled (count: 0.1 of CPython's durations), so compare speed-ups, not elapsed. \"limit\": sequential ÷ the shortest makespan possible on C cores (the longest task alone, or all CPU work spread over every core).",
      '',
      ...tables,
    ],
  };
}
