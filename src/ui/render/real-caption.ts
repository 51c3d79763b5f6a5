import { isPythonRun, pairRows, shownSpeedup, type EmulatedStrategy, type PairRow, type PythonRun, type RealQuestion, type Trace } from '../../engine/index.js';
import { speedupPhrase as said, versusEmulated } from './caption-figures.js';
import { compresses } from './compresses.js';
import { coresWords } from './cores-words.js';
import { competesForGil, cpuInThreads, sharesGil } from './gil-competition.js';

/**
 * One line on what the real runs show (the real and side-by-side views), in the table's figures
 * (`pairRows`: the real speed-up of a strategy beside its emulated twin's). "As in CPython" only
 * when the two agree within 10 %; the GIL named only where tasks compete for it. Node differs
 * from CPython in two ways worth saying out loud: worker threads have no GIL of their own, and
 * async zlib runs on libuv's thread pool, so "async" can use several cores — said only of a
 * workload that compresses: elsewhere a fast async run has another cause (start-up, noise).
 */
export function realCaption(trace: Trace, emulated: Trace, running: boolean, now?: RealQuestion): string {
  const runs = trace.runs;
  const tasks = runs.flatMap((run) => run.tasks);
  const failed = tasks.filter((task) => task.error !== undefined).length;
  // Why is said under the table (failureNotes); here, how much of the picture it concerns.
  if (failed > 0) return `Real: ${failed} of ${tasks.length} tasks failed (why: under the table); their bars end in ✗.`;
  const python = runs.find(isPythonRun);
  if (running)
    return `Real: running ${runs.at(-1)?.strategy ?? 'the first strategy'} on ${python ? python.setup.interpreter : 'this machine'}${coresWords(runs.at(-1))}; bars grow as it runs.`;
  const rows = pairRows(emulated.runs, runs, now);
  // Runs made under other settings answer another question: no figure of theirs is quoted.
  const stale = [...new Set(rows.flatMap((pair) => pair.real?.stale ?? []))];
  if (stale.length > 0) return `Real: made under other settings (${stale.join(', ')}); r runs them again.`;
  // A disturbed run has no figure to quote. Every speed-up is against sequential, so a disturbed
  // sequential run leaves no lesson; another disturbed run is named where nothing else is said.
  const disturbed = rows.flatMap((pair) => (pair.real?.disturbedReason ? [pair.real.strategy] : []));
  const disturbedCaption = `Real: ${disturbed.join(', ')} disturbed from outside (! why: under the table); r runs them again.`;
  const pairs = new Map(rows.map((pair) => [pair.strategy, pair]));
  if (pairs.get('sequential')?.real?.disturbedReason) return disturbedCaption;
  const lesson = python ? pythonCaption(pairs, python) : nodeCaption(pairs, trace.workload);
  if (lesson !== null) return lesson;
  if (disturbed.length > 0) return disturbedCaption;
  return `Real${python ? ` ${withoutGilRemark(python.setup.interpreter)}` : ''}: compare the real column with the emulated one.`;
}

/** Node's runs: what they show beside CPython's twins (null: nothing particular to say). */
function nodeCaption(pairs: Map<EmulatedStrategy, PairRow>, workload: string): string | null {
  const by = (strategy: EmulatedStrategy) => pairs.get(strategy);
  const sequential = by('sequential')?.runs.real;
  if (!sequential || shownSpeedup(by('sequential')?.real) === null) return 'Real: add the sequential strategy to compare against it.';
  const cpuBound = sequential.cpuUtilization * sequential.cores > 0.5;
  const asyncPair = by('async');
  const asyncX = shownSpeedup(asyncPair?.real);
  if (asyncPair && asyncX !== null && cpuBound && asyncX > 1.25 && compresses(workload)) {
    return `Real: Node's async zlib runs on libuv's thread pool: several cores (${said(asyncPair.real!.strategy, asyncX)}).`;
  }
  const threads = [by('threads'), by('thread-pool')].find((pair) => shownSpeedup(pair?.real) !== null);
  if (threads) {
    const real = threads.runs.real!;
    const realX = shownSpeedup(threads.real)!;
    const figures = `${said(real.strategy, realX)}${versusEmulated(realX, shownSpeedup(threads.emulated), 'as in CPython')}`;
    if (competesForGil(real, threads.runs.emulated)) return `Real threads under a real GIL: ${figures}.`;
    const computes = threads.runs.emulated !== undefined && cpuInThreads(threads.runs.emulated);
    if (!sharesGil(real) && cpuBound && computes && realX > 1.25) return `Real: Node's threads have no GIL and ran in parallel: ${figures}.`;
  }
  const waiting = [asyncPair, threads].find((pair) => (shownSpeedup(pair?.real) ?? 0) > 1.25);
  if (waiting && !cpuBound) {
    const realX = shownSpeedup(waiting.real)!;
    return `Real: the waits overlapped: ${said(waiting.real!.strategy, realX)}${versusEmulated(realX, shownSpeedup(waiting.emulated), 'as in CPython')}.`;
  }
  return null;
}

/** A real interpreter's runs: threads and processes against sequential, each beside its emulated twin (null: neither quotable). */
function pythonCaption(pairs: Map<EmulatedStrategy, PairRow>, first: PythonRun): string | null {
  const shown = (['threads', 'processes'] as const).flatMap((strategy) => {
    const pair = pairs.get(strategy);
    const realX = shownSpeedup(pair?.real);
    return pair && realX !== null ? [{ pair, text: `${said(strategy, realX)}${versusEmulated(realX, shownSpeedup(pair.emulated), 'as emulated')}` }] : [];
  });
  // The interpreter's GIL is worth naming only where its threads competed for it.
  const compete = shown.some(({ pair }) => pair.runs.real !== undefined && competesForGil(pair.runs.real, pair.runs.emulated));
  const who = `Real ${compete ? first.setup.interpreter : withoutGilRemark(first.setup.interpreter)}`;
  if (shownSpeedup(pairs.get('sequential')?.real) === null) return `${who}: add the sequential strategy to compare against it.`;
  return shown.length > 0 ? `${who}: ${shown.map(({ text }) => text).join('; ')}.` : null;
}

/** `CPython 3.11.7, GIL` → `CPython 3.11.7` (describeInterpreter's remark on the GIL left out). */
function withoutGilRemark(interpreter: string): string {
  return interpreter.replace(/(, GIL re-enabled|, GIL|, free-threaded| \(GIL\))$/, '');
}
