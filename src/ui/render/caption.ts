import {
  formatDuration,
  isEmulated,
  pairRows,
  shownSpeedup,
  type EmulatedRun,
  type EmulatedStrategy,
  type EmulatorParams,
  type Lane,
  type Run,
  type Span,
  type Trace,
} from '../../engine/index.js';
import { compresses } from './compresses.js';
import { speedupPhrase as said, times } from './caption-figures.js';
import { cpuInThreads, competesForGil } from './gil-competition.js';
import { typicalTurnUs } from './turns.js';

/**
 * One line that explains the picture: what the emulated runs show under these parameters.
 * Measurements, not scenario names, decide what to say, so a `--tasks` list gets a caption too
 * and a changed parameter never leaves a stale lesson. Figures are the table's (`pairRows`), in
 * its terms (speed-up vs sequential, naming the strategy), and the GIL is named only where tasks
 * compete for it. The rules go from the most particular lesson (a scenario's point: time
 * slicing, the convoy, zlib) to the general ones (the GIL, processes), since a particular case
 * also matches the general rules and would be misread.
 */
export function caption(trace: Trace, params: EmulatorParams): string {
  const emulated = trace.runs.filter(isEmulated);
  const rows = new Map(pairRows(emulated, []).map((pair) => [pair.strategy, pair.emulated]));
  const runs = new Map(emulated.map((run) => [run.strategy, run]));
  // Typed names: a strategy renamed or removed in the registry is a compile error here, not a silent miss.
  const speedup = (strategy: EmulatedStrategy) => shownSpeedup(rows.get(strategy));
  const sequential = runs.get('sequential');
  const threads = runs.get('threads');
  const processes = runs.get('processes');
  if (!sequential) return 'Add the sequential strategy to compare against it.';
  const cpuBound = sequential.cpuUtilization * params.cores > 0.5;
  const threadsX = speedup('threads');
  const asyncX = speedup('async');
  const processesX = speedup('processes');
  if (threadsX !== null && asyncX !== null && threadsX > 1.25 && asyncX > 1.25 && !cpuBound) {
    return `I/O overlaps: threads ${times(threadsX)}, async ${times(asyncX)} sequential; elapsed ≈ the longest wait.`;
  }
  // On one core the GIL changes nothing: time slicing alone keeps threads from running at once.
  if (params.cores === 1 && threads && cpuBound) return oneCore(threads, processes);
  const threadsCompete = threads !== undefined && competesForGil(threads, threads);
  const convoy = threadsCompete ? convoyLane(threads) : null;
  if (convoy) {
    const interval = params.gil === 'new' ? ` (switch interval ${formatDuration(params.switchIntervalUs)})` : '';
    return `Convoy effect: ${convoy.name} waits ${formatDuration(convoy.waitPerIoUs)} per I/O for the GIL${interval}.`;
  }
  if (threadsCompete && threadsX !== null && cpuBound && threadsX > 1.25 && compresses(trace.workload)) {
    return `zlib releases the GIL while compressing: threads overlap (${said('threads', threadsX)}).`;
  }
  if (threadsCompete && threadsX !== null && threadsX <= 1.11 && cpuBound) {
    return `${said('threads', threadsX)}: the GIL lets one thread run Python at a time.`;
  }
  if (threads && cpuInThreads(threads) && params.gil === 'none' && threadsX !== null && threadsX > 1.11) {
    return `No GIL: threads run in parallel on ${params.cores} core${params.cores === 1 ? '' : 's'} (${said('threads', threadsX)}).`;
  }
  if (processes && processesX !== null && processesX < 1) {
    return `Processes lose here: starting each costs ${formatDuration(params.spawnCostUs)}, more than the work itself (${said('processes', processesX)}).`;
  }
  if (processes && processesX !== null && processesX > 1.11) {
    // "One GIL each" is the point only where threads would have fought over one.
    const why = threads && competesForGil(threads, threads) ? 'one GIL each, so they use' : 'they run side by side on';
    return `Processes: ${why} ${params.cores} cores (${said('processes', processesX)}).`;
  }
  return 'Compare the elapsed times in the table.';
}

/**
 * One core: how the tasks take turns, as the emulated trace shows them (threads under the GIL
 * keep the core for more than one OS slice: `12ms turns (4ms + 8ms)`; processes take one slice).
 */
function oneCore(threads: EmulatedRun, processes: EmulatedRun | undefined): string {
  const turns = [threads, processes].flatMap((run) => {
    const slicesUs = run ? typicalTurnUs(run) : null;
    if (!run || !slicesUs) return [];
    const totalUs = slicesUs.reduce((sum, us) => sum + us, 0);
    const parts = slicesUs.length > 1 ? ` (${slicesUs.map(formatDuration).join(' + ')})` : '';
    return [{ strategy: run.strategy, length: formatDuration(totalUs), parts }];
  });
  const [first, ...others] = turns;
  if (!first) return 'One core: the tasks take turns; nothing runs in parallel.';
  const rest = others.map((turn) => `, ${turn.strategy} ${turn.length}${turn.parts}`).join('');
  return `One core: ${first.strategy} take ${first.length} turns${first.parts}${rest}; nothing runs in parallel.`;
}

/**
 * The convoy effect, measured: a thread that does I/O (twice or more) and, after its I/Os, waits
 * for the GIL more than twice as long as it computes — the GIL is held by CPU-bound work and
 * each I/O costs a wait to win it back. Null when no lane of the run looks like that.
 */
function convoyLane(run: Run): Convoy | null {
  // The caption is drawn every frame; a run's spans never change, so they are read once (per spans and lanes: presentAs copies share both).
  const known = convoyCache.get(run.spans);
  if (known?.lanes === run.lanes) return known.convoy;
  const convoy = measureConvoy(run);
  convoyCache.set(run.spans, { lanes: run.lanes, convoy });
  return convoy;
}

interface Convoy {
  name: string;
  waitPerIoUs: number;
}

const convoyCache = new WeakMap<readonly Span[], { lanes: readonly Lane[]; convoy: Convoy | null }>();

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
