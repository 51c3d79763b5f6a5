import {
  APPROXIMATE_NOTE,
  failureNotes,
  formatDuration,
  gilModel,
  formatElapsed,
  formatContention,
  formatHold,
  formatRate,
  formatSpeedup,
  formatRange,
  formatSpread,
  summaryRows,
  type EmulatorParams,
  type RealRunSpec,
  type Run,
  type Trace,
} from '../engine/emulation-door.js';
import { alignColumns } from './align-columns.js';

/**
 * The elapsed-time table: strategy, elapsed, speedup vs sequential, CPU %, switches, GIL
 * hand-offs (a count and a rate), GIL contention (gil-wait ÷ (running + gil-wait)) and the median
 * hold period, and when tasks failed, how many (a column) and why (lines below). `*` marks the
 * fastest run of each source, `!` before its elapsed time a run disturbed from outside (why, below); a run still in
 * progress shows how far it got (`1.2s…`) and no speed-up.
 */
export function formatRunTable(trace: Trace, heading = describeWorkload(trace)): string {
  const summary = summaryRows(trace.runs);
  const anyFailed = summary.some((row) => row.failed > 0);
  const rows = summary.map((row, i) => [
    row.strategy + (row.best ? ' *' : ''),
    row.source,
    (row.disturbedReason !== null ? '!' : '') + formatElapsed(row.elapsedUs) + (row.inProgress ? '…' : '') + repeatsOf(trace.runs[i]),
    row.speedup === null ? '-' : `${formatSpeedup(row.speedup)}x`,
    `${row.cpuPercent.toFixed(1)}%`,
    String(row.contextSwitches),
    String(row.gilHandoffs),
    formatRate(row.handoffsPerSecond, row.gilApproximate),
    formatContention(row.gilContention),
    formatHold(row.medianHoldUs, row.gilApproximate),
    ...(anyFailed ? [row.failed > 0 ? String(row.failed) : '-'] : []),
  ]);
  const header = [
    'strategy',
    'source',
    'elapsed',
    'speedup',
    'CPU',
    'switches',
    'GIL hand-offs',
    'hand-offs/s',
    'contention',
    'median hold',
    ...(anyFailed ? ['failed'] : []),
  ];
  const lines = [heading, '', ...alignColumns(header, rows, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]))];
  const footnotes = [
    ...(summary.some((row) => row.best) ? ['* fastest'] : []),
    ...summary
      .filter((row) => row.disturbedReason !== null)
      .map((row) => `! disturbed, never the fastest: ${row.strategy} (${row.source}): ${row.disturbedReason}`),
    ...(summary.some((row) => row.inProgress) ? ['… still running: how far it got, not a result'] : []),
    ...(summary.some((row) => row.gilApproximate) ? [APPROXIMATE_NOTE] : []),
    ...(anyFailed ? ["a run with failed tasks has no speedup: its elapsed time is not the whole workload's"] : []),
  ];
  const below = [...footnotes, ...failureNotes(trace.runs).map((note) => `failed: ${note}`), ...trace.notes.map((note) => `note: ${note}`)];
  if (below.length > 0) lines.push('', ...below);
  return lines.join('\n');
}

/** A repeated real run's median cell goes on with its spread and range: `1.230s ±4% (1.190s–1.300s)`. */
function repeatsOf(run: Run | undefined): string {
  const repeats = run?.source === 'real' ? run.repeats : undefined;
  return repeats ? ` ${formatSpread(repeats)} ${formatRange(repeats)}` : '';
}

/** The heading of a real run's table: the workload and how this machine ran it. */
export function describeRealRun(workload: string, spec: Omit<RealRunSpec, 'strategy'>, cores: number): string {
  const gil = spec.gil === 'new' ? `worker threads under a real GIL (switch interval ${formatDuration(spec.switchIntervalUs)})` : 'no GIL';
  const timeout = spec.timeoutUs === undefined ? '' : `, timeout ${formatDuration(spec.timeoutUs)}`;
  const plural = (n: number, noun: string, many: string) => `${n} ${n === 1 ? noun : many}`;
  // --threads/--procs may size a pool unlike its emulated twin's (--workers): say so.
  const resized = spec.threads !== spec.workers || spec.procs !== spec.workers ? ` (their twins: ${spec.workers} workers)` : '';
  const pools = `pools of ${plural(spec.threads, 'thread', 'threads')} / ${plural(spec.procs, 'process', 'processes')}${resized}`;
  return `${workload}, real on ${cores} core${cores === 1 ? '' : 's'}: ${gil}, ${pools}${timeout}`;
}

function describeWorkload(trace: Trace): string {
  const machine = trace.emulator ? ` on ${describeParams(trace.emulator)}` : '';
  return `${trace.workload}${machine}`;
}

/** One line with every emulator parameter, e.g. for table headings. */
export function describeParams(params: EmulatorParams): string {
  const gil = gilModel(params.gil).summary(params);
  const speed = params.cpuScalePermille === 1_000 ? '' : `, CPU ×${(params.cpuScalePermille / 1_000).toFixed(2)}`;
  // Threads start free unless set (or measured: --calibration machine).
  const threadStart = params.threadSpawnCostUs === 0 ? '' : `, thread start ${formatDuration(params.threadSpawnCostUs)}`;
  return (
    `${params.cores} core${params.cores === 1 ? '' : 's'}, ${params.policy}, slice ${formatDuration(params.quantumUs)}, ` +
    `switch ${formatDuration(params.switchCostUs)}, ${gil}${speed}, spawn ${formatDuration(params.spawnCostUs)}${threadStart}, ` +
    `${params.workers} worker${params.workers === 1 ? '' : 's'}`
  );
}
