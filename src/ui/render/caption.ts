import { formatDuration, type EmulatedStrategy, type EmulatorParams, type Run, type Trace } from '../../engine/index.js';
import { compresses } from './compresses.js';

/**
 * One line that explains the picture: what the emulated runs show under these parameters.
 * Measurements, not scenario names, decide what to say, so a `--tasks` list gets a caption too
 * and a changed parameter never leaves a stale lesson. The rules go from the most particular
 * lesson (a scenario's point: time slicing, the convoy, zlib) to the general ones (the GIL,
 * processes), since a particular case also matches the general rules and would be misread.
 */
export function caption(trace: Trace, params: EmulatorParams): string {
  const runs = new Map(trace.runs.map((run) => [run.strategy, run]));
  // Typed names: a strategy renamed or removed in the registry is a compile error here, not a silent miss.
  const by = (strategy: EmulatedStrategy) => runs.get(strategy);
  const sequential = by('sequential');
  const threads = by('threads');
  const processes = by('processes');
  const asyncRun = by('async');
  if (!sequential) return 'Add the sequential strategy to compare against it.';
  const ratio = (run: Run | undefined) => (run ? run.elapsedUs / sequential.elapsedUs : Number.NaN);
  const cpuBound = sequential.cpuUtilization * params.cores > 0.5;
  if (threads && asyncRun && ratio(threads) < 0.8 && ratio(asyncRun) < 0.8 && !cpuBound) {
    return 'I/O overlaps: threads and async wait together; elapsed ≈ the longest wait.';
  }
  // On one core the GIL changes nothing: time slicing alone keeps threads from running at once.
  if (params.cores === 1 && threads && cpuBound) {
    return `One core: threads take turns in ${formatDuration(params.quantumUs)} time slices; nothing runs in parallel.`;
  }
  const convoy = threads && params.gil !== 'none' ? convoyLane(threads) : null;
  if (convoy) {
    const interval = params.gil === 'new' ? ` (switch interval ${formatDuration(params.switchIntervalUs)})` : '';
    return `Convoy effect: ${convoy.name} waits ${formatDuration(convoy.waitPerIoUs)} per I/O for the GIL${interval}.`;
  }
  if (threads && params.gil !== 'none' && cpuBound && ratio(threads) < 0.8 && compresses(trace.workload)) {
    return `zlib releases the GIL while compressing: threads overlap (${ratio(threads).toFixed(2)}× sequential).`;
  }
  if (threads && params.gil !== 'none' && ratio(threads) >= 0.9 && cpuBound) {
    return 'threads ≈ sequential: the GIL lets one thread run Python at a time.';
  }
  if (threads && params.gil === 'none' && ratio(threads) < 0.9) {
    return `No GIL: threads run in parallel on ${params.cores} core${params.cores === 1 ? '' : 's'} (${ratio(threads).toFixed(2)}× the sequential time).`;
  }
  if (processes && ratio(processes) > 1) {
    return `Processes lose here: starting each costs ${formatDuration(params.spawnCostUs)}, more than the work itself.`;
  }
  if (processes && ratio(processes) < 0.9)
    return `Processes: one GIL each, so they use ${params.cores} cores (${ratio(processes).toFixed(2)}× the sequential time).`;
  return 'Compare the elapsed times in the table.';
}

/**
 * The convoy effect, measured: a thread that does I/O (twice or more) and, after its I/Os, waits
 * for the GIL more than twice as long as it computes — the GIL is held by CPU-bound work and
 * each I/O costs a wait to win it back. Null when no lane of the run looks like that.
 */
function convoyLane(run: Run): Convoy | null {
  // The caption is drawn every frame; a run's spans never change, so they are read once.
  const known = convoyCache.get(run);
  if (known !== undefined) return known;
  const convoy = measureConvoy(run);
  convoyCache.set(run, convoy);
  return convoy;
}

interface Convoy {
  name: string;
  waitPerIoUs: number;
}

const convoyCache = new WeakMap<Run, Convoy | null>();

function measureConvoy(run: Run): Convoy | null {
  const ios = new Array<number>(run.lanes.length).fill(0);
  const waitUs = new Array<number>(run.lanes.length).fill(0);
  const runningUs = new Array<number>(run.lanes.length).fill(0);
  for (const span of run.spans) {
    if (span.state === 'io') ios[span.lane]!++;
    else if (span.state === 'gil-wait') waitUs[span.lane]! += span.endUs - span.startUs;
    else if (span.state === 'running') runningUs[span.lane]! += span.endUs - span.startUs;
  }
  const lane = run.lanes.findIndex((_, i) => ios[i]! >= 2 && waitUs[i]! > 2 * runningUs[i]!);
  return lane < 0 ? null : { name: run.lanes[lane]!.name, waitPerIoUs: Math.round(waitUs[lane]! / ios[lane]!) };
}
