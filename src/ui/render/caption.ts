import { formatDuration, type EmulatorParams, type Run } from '../../engine/index.js';

/**
 * One line that explains the picture: what the emulated runs show under these parameters.
 * Ratios, not scenario names, decide what to say, so a `--tasks` list gets a caption too.
 */
export function caption(runs: readonly Run[], params: EmulatorParams): string {
  const by = new Map(runs.map((run) => [run.strategy, run]));
  const sequential = by.get('sequential');
  const threads = by.get('threads');
  const processes = by.get('processes');
  const asyncRun = by.get('async');
  if (!sequential) return 'Add the sequential strategy to compare against it.';
  const ratio = (run: Run | undefined) => (run ? run.elapsedUs / sequential.elapsedUs : Number.NaN);
  const cpuBound = sequential.cpuUtilization * params.cores > 0.5;
  if (threads && asyncRun && ratio(threads) < 0.8 && ratio(asyncRun) < 0.8 && !cpuBound) {
    return 'I/O overlaps: threads and async wait together; elapsed ≈ the longest wait.';
  }
  if (threads && params.gil !== 'none' && ratio(threads) >= 0.9 && cpuBound) {
    return 'threads ≈ sequential: the GIL lets one thread run Python at a time.';
  }
  if (threads && params.gil === 'none' && ratio(threads) < 0.9) {
    return `No GIL: threads run in parallel on ${params.cores} core${params.cores === 1 ? '' : 's'} (${ratio(threads).toFixed(2)}× the sequential time).`;
  }
  if (params.cores === 1 && threads) {
    return `One core: threads take turns, one ${formatDuration(params.quantumUs)} time slice at a time; nothing runs in parallel.`;
  }
  if (processes && ratio(processes) > 1) {
    return `Processes lose here: starting each costs ${formatDuration(params.spawnCostUs)}, more than the work itself.`;
  }
  if (processes) return `Processes: one GIL each, so they use ${params.cores} cores (${ratio(processes).toFixed(2)}× the sequential time).`;
  return 'Compare the elapsed times in the table.';
}
