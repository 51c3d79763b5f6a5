import { isPythonRun, type PythonRun, type Run, type Trace } from '../../engine/index.js';
import { compresses } from './compresses.js';
import { coresWords } from './cores-words.js';

/**
 * One line on what the real runs show (the real and side-by-side views). Node differs from
 * CPython in two ways worth saying out loud: worker threads have no GIL, and async zlib runs
 * on libuv's thread pool, so "async" can use several cores — said only of a workload that
 * compresses: elsewhere a fast async run has another cause (start-up costs, noise).
 */
export function realCaption(trace: Trace, running: boolean): string {
  const runs = trace.runs;
  const tasks = runs.flatMap((run) => run.tasks);
  const failed = tasks.filter((task) => task.error !== undefined).length;
  // Why is said under the table (failureNotes); here, how much of the picture it concerns.
  if (failed > 0) return `Real: ${failed} of ${tasks.length} tasks failed (why: under the table); their bars end in ✗.`;
  const python = runs.find(isPythonRun);
  if (running)
    return `Real: running ${runs.at(-1)?.strategy ?? 'the first strategy'} on ${python ? python.setup.interpreter : 'this machine'}${coresWords(runs.at(-1))}; bars grow as it runs.`;
  if (python) return pythonCaption(runs.filter(isPythonRun), python);
  const by = new Map(runs.map((run) => [run.strategy, run]));
  const sequential = by.get('sequential');
  if (!sequential) return 'Real: add the sequential strategy to compare against it.';
  const ratio = (run: Run | undefined) => (run ? run.elapsedUs / sequential.elapsedUs : Number.NaN);
  const worker = by.get('worker');
  const asyncRun = by.get('async');
  const cpuBound = sequential.cpuUtilization * sequential.cores > 0.5;
  if (asyncRun && cpuBound && ratio(asyncRun) < 0.8 && compresses(trace.workload)) {
    return `Real: Node's async zlib runs on libuv's thread pool: several cores (${ratio(asyncRun).toFixed(2)}× seq).`;
  }
  if (worker && worker.gilHandoffs > 0) {
    return `Real workers under a real GIL: ${ratio(worker).toFixed(2)}× sequential, ${worker.gilHandoffs} hand-offs, as in CPython.`;
  }
  if (worker && cpuBound && ratio(worker) < 0.8) {
    return `Real: Node's workers have no GIL and ran in parallel (${ratio(worker).toFixed(2)}× sequential).`;
  }
  if (asyncRun && !cpuBound && ratio(asyncRun) < 0.8) return `Real: the waits overlapped; async took ${ratio(asyncRun).toFixed(2)}× sequential on one thread.`;
  return 'Real: compare the real column with the emulated one.';
}

/** A real interpreter's runs: how threads and processes compare with sequential, and the GIL seen. */
function pythonCaption(runs: readonly PythonRun[], first: PythonRun): string {
  const by = new Map(runs.map((run) => [run.strategy, run]));
  const sequential = by.get('sequential');
  const who = `Real ${first.setup.interpreter}`;
  if (!sequential) return `${who}: add the sequential strategy to compare against it.`;
  const parts = (['threads', 'processes'] as const).flatMap((strategy) => {
    const run = by.get(strategy);
    return run ? [`${strategy} ${(run.elapsedUs / sequential.elapsedUs).toFixed(2)}× sequential`] : [];
  });
  const threads = by.get('threads');
  const handoffs = threads && threads.gilHandoffs > 0 ? `, ${threads.gilHandoffs} GIL hand-offs` : '';
  return parts.length > 0 ? `${who}: ${parts.join(', ')}${handoffs}.` : `${who}: compare the real column with the emulated one.`;
}
