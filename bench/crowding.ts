import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allowedCpus } from '../src/engine/affinity.js';
import { discoverInterpreters } from '../src/engine/python/interpreter.js';
import { markdownTable, median, type BenchSection } from './report.js';

/**
 * `npm run bench -- crowding`: the CPU other programs took from real runs (crowding.ts), which
 * flags a run disturbed above 15 % of its core time. Per run kind (Node, python3, CPython 2.7,
 * PyPy: every strategy), two readings: alone (4 CPU tasks on every core: the floor, which the
 * threshold must sit well above) and beside busy loops (2 tasks pinned to one core that two loops
 * share: every run must be flagged). Each session is the binary (`run --json`); "others" is what
 * the rest of the machine ran meanwhile, /proc/stat's busy time less the rusage of the binary and
 * everything it started (bash's `time`), so the load each figure was taken under is beside it.
 * The machine is shared: a session alone first waits (up to QUIET_WAIT_MS) for a quiet second.
 */
const SESSIONS = 3;
const QUIET_WAIT_MS = 30_000;
/** Quiet: the rest of the machine busy at most this share of its cores over half a second. */
const QUIET_SHARE = 0.03;
const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));

interface JsonRun {
  strategy: string;
  elapsedUs: number;
  cores: number;
  crowdedUs?: number;
  disturbed?: boolean;
}

/** Busy time of all cores so far (/proc/stat, µs): user, nice, system, irq, softirq, steal. */
function machineBusyUs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return [0, 1, 2, 5, 6, 7].reduce((sum, field) => sum + fields[field]!, 0) * 10_000;
}

const cpuCount = () => allowedCpus('self')?.length ?? 1;

/** Waits until the machine's last half second was quiet (true), or gives up after `waitMs` (false). */
async function quietMoment(waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  do {
    const before = machineBusyUs();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (machineBusyUs() - before <= QUIET_SHARE * cpuCount() * 500_000) return true;
  } while (Date.now() < until);
  return false;
}

/** One session: its runs, and the share of the machine's core time (its cores × the session's wall time) the rest of it ran. */
function session(args: string[]): { runs: JsonRun[]; othersShare: number } | null {
  const busyBefore = machineBusyUs();
  const script = 'TIMEFORMAT="cpu %3U %3S %3R"; time "$@" 2>/dev/null';
  const result = spawnSync('bash', ['-c', script, 'bash', process.execPath, BIN, 'run', ...args, '--json'], { encoding: 'utf8' });
  const times = /cpu (\d+\.\d+) (\d+\.\d+) (\d+\.\d+)/.exec(result.stderr);
  if (result.status !== 0 || times === null) return null;
  const runs = (JSON.parse(result.stdout) as { runs: JsonRun[] }).runs;
  const othersUs = machineBusyUs() - busyBefore - (Number(times[1]) + Number(times[2])) * 1e6;
  return { runs, othersShare: Math.max(0, othersUs) / (cpuCount() * Number(times[3]) * 1e6) };
}

/** `count` busy loops pinned to `cpu` (stopped by the caller). */
function busyLoops(count: number, cpu: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn('taskset', ['-c', String(cpu), process.execPath, '-e', 'for (;;);'], { stdio: 'ignore' }));
}

/** A run kind: the flags that choose its runtime and interpreter, and the strategies it has. */
interface Kind {
  name: string;
  args: string[];
  strategies: string[];
}

function kinds(): { found: Kind[]; missing: string[] } {
  const discovered = discoverInterpreters().flatMap((entry) => (entry.ok ? [entry.python] : []));
  const python2 = discovered.find((python) => python.implementation === 'CPython' && python.major === 2);
  const pypy = discovered.find((python) => python.implementation === 'PyPy');
  const found: Kind[] = [
    { name: 'node', args: ['--runtime', 'node', '--gil', 'none'], strategies: ['sequential', 'threads', 'thread-pool', 'processes'] },
    { name: 'python3', args: ['--runtime', 'python'], strategies: ['sequential', 'threads', 'thread-pool', 'processes', 'process-pool', 'async'] },
  ];
  // Each with its version's name, so the table says which interpreter it measured.
  if (python2)
    found.push({
      name: `CPython ${python2.version}`,
      args: ['--python', python2.path],
      strategies: ['sequential', 'threads', 'thread-pool', 'processes', 'process-pool'],
    });
  if (pypy) found.push({ name: `PyPy ${pypy.version}`, args: ['--python', pypy.path], strategies: ['sequential', 'threads', 'processes', 'process-pool'] });
  return { found, missing: [python2 ? null : 'CPython 2.7', pypy ? null : 'PyPy'].filter((name): name is string => name !== null) };
}

/** Per strategy: the share each session read as taken, how many flagged; and the others' share per session. */
interface Readings {
  byStrategy: Map<string, { shares: number[]; flagged: number }>;
  others: number[];
  quiet: number;
}

async function readings(args: string[], loops: number): Promise<Readings> {
  const cpu = allowedCpus('self')?.[0] ?? 0;
  const result: Readings = { byStrategy: new Map(), others: [], quiet: 0 };
  for (let i = 0; i < SESSIONS; i++) {
    if (loops === 0 && (await quietMoment(QUIET_WAIT_MS))) result.quiet++;
    const running = busyLoops(loops, cpu);
    // Node's own start-up first, so that the loops are on the core when the run starts.
    if (loops > 0) await new Promise((resolve) => setTimeout(resolve, 300));
    const measured = session(args);
    for (const loop of running) loop.kill('SIGKILL');
    if (measured === null) continue;
    result.others.push(measured.othersShare);
    for (const run of measured.runs) {
      const entry = result.byStrategy.get(run.strategy) ?? { shares: [], flagged: 0 };
      // A run without the figure (no /proc) reads as nothing: the table shows it as a dash.
      if (run.crowdedUs !== undefined) entry.shares.push(run.crowdedUs / (run.cores * run.elapsedUs));
      if (run.disturbed) entry.flagged++;
      result.byStrategy.set(run.strategy, entry);
    }
  }
  return result;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const LOOPS = 2;

export async function crowdingBench(): Promise<BenchSection> {
  const { found, missing } = kinds();
  const rows: string[][] = [];
  for (const kind of found) {
    const strategies = ['--strategy', kind.strategies.join(',')];
    const alone = await readings([...kind.args, ...strategies, '--tasks', '300ms,300ms,300ms,300ms', '--threads', '4', '--procs', '4'], 0);
    const crowded = await readings([...kind.args, ...strategies, '--tasks', '200ms,200ms', '--cores', '1'], LOOPS);
    for (const strategy of kind.strategies) {
      const quiet = alone.byStrategy.get(strategy);
      const hog = crowded.byStrategy.get(strategy);
      const cells = (entry: { shares: number[]; flagged: number } | undefined, pick: (shares: number[]) => number) =>
        entry === undefined || entry.shares.length === 0
          ? ['-', '-', '-']
          : [percent(median(entry.shares)), percent(pick(entry.shares)), `${entry.flagged} of ${entry.shares.length}`];
      rows.push([
        kind.name,
        strategy,
        ...cells(quiet, (shares) => Math.max(...shares)),
        alone.others.length > 0 ? `${percent(median(alone.others))} (${alone.quiet} of ${SESSIONS} after a quiet second)` : '-',
        ...cells(hog, (shares) => Math.min(...shares)),
        crowded.others.length > 0 ? percent(median(crowded.others)) : '-',
      ]);
    }
  }
  return {
    title: 'Other programs’ CPU: the disturbed flag',
    lines: [
      `\`npm run bench -- crowding\`: ${SESSIONS} sessions of \`run --json\` per run kind and setting. "Taken" is the run's crowdedUs (its threads' run-queue wait while the run left a core unused) as a share of its core time; a run is flagged disturbed above 15 %. Alone: 4 tasks of 300 ms on all ${cpuCount()} cores, each session started after a quiet second where one came within ${QUIET_WAIT_MS / 1_000} s; every run should read well below 15 % and none be flagged when the others' share is low. Beside ${LOOPS} busy loops: 2 tasks of 200 ms on 1 core (--cores 1) that the loops share; every run should be flagged. "Others" is what the rest of the machine ran during the sessions (/proc/stat less the session's rusage: the loops are in it), median, as a share of the machine's core time: the load each reading was taken under.`,
      ...(missing.length > 0 ? ['', `Not on this machine, so not measured: ${missing.join(', ')}.`] : []),
      '',
      ...markdownTable(
        [
          'kind',
          'strategy',
          'alone: taken (median)',
          'alone: max',
          'alone: flagged',
          'alone: others',
          'busy loops: taken (median)',
          'busy loops: min',
          'busy loops: flagged',
          'busy loops: others',
        ],
        rows,
      ),
    ],
  };
}
