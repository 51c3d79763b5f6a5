import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allowedCpus } from '../src/engine/affinity.js';
import { markdownTable, median, type BenchSection } from './report.js';

/**
 * `npm run bench -- crowding`: the CPU other programs took from real runs (crowding.ts), which
 * flags a run disturbed above 15 % of its core time. Two questions: how much a run counts when
 * nothing else runs (its floor: the threshold must sit above it, on a quiet machine), and whether
 * a run crowded on purpose (two busy loops pinned to its one core) is flagged. Each session is
 * the binary (`run --json`); "others" is what the rest of the machine ran meanwhile, /proc/stat's
 * busy time less the rusage of the binary and everything it started (bash's `time`).
 */
const SESSIONS = 5;
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

/** One session: its runs, and the share of the machine's core time (its cores × the session's wall time) the rest of it ran. */
function session(args: string[]): { runs: JsonRun[]; othersShare: number } | null {
  const busyBefore = machineBusyUs();
  const script = 'TIMEFORMAT="cpu %3U %3S %3R"; time "$@" 2>/dev/null';
  const result = spawnSync('bash', ['-c', script, 'bash', process.execPath, BIN, 'run', ...args, '--json'], { encoding: 'utf8' });
  const times = /cpu (\d+\.\d+) (\d+\.\d+) (\d+\.\d+)/.exec(result.stderr);
  if (result.status !== 0 || times === null) return null;
  const runs = (JSON.parse(result.stdout) as { runs: JsonRun[] }).runs;
  const othersUs = machineBusyUs() - busyBefore - (Number(times[1]) + Number(times[2])) * 1e6;
  const coreTimeUs = (allowedCpus('self')?.length ?? 1) * Number(times[3]) * 1e6;
  return { runs, othersShare: Math.max(0, othersUs) / coreTimeUs };
}

/** `count` busy loops pinned to `cpu` (stopped by the caller). */
function busyLoops(count: number, cpu: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn('taskset', ['-c', String(cpu), process.execPath, '-e', 'for (;;);'], { stdio: 'ignore' }));
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export async function crowdingBench(): Promise<BenchSection> {
  const cases: { name: string; args: string[]; loops: number }[] = [];
  for (const tasks of [2, 4]) {
    const list = Array.from({ length: tasks }, () => '300ms').join(',');
    cases.push({
      name: `node, ${tasks} tasks, no GIL`,
      args: [
        '--runtime',
        'node',
        '--gil',
        'none',
        '--tasks',
        list,
        '--strategy',
        'sequential,threads,thread-pool,processes',
        '--threads',
        String(tasks),
        '--procs',
        String(tasks),
      ],
      loops: 0,
    });
    cases.push({
      name: `python3, ${tasks} tasks`,
      args: ['--runtime', 'python', '--tasks', list, '--strategy', 'sequential,threads,processes'],
      loops: 0,
    });
  }
  for (const runtime of ['node', 'python']) {
    cases.push({
      name: `${runtime}, 2 tasks, 1 core beside 2 busy loops`,
      args: ['--runtime', runtime, '--tasks', '300ms,300ms', '--strategy', 'sequential,threads', '--cores', '1'],
      loops: 2,
    });
  }
  const cpu = allowedCpus('self')?.[0] ?? 0;
  const rows: string[][] = [];
  for (const { name, args, loops } of cases) {
    const byStrategy = new Map<string, { shares: number[]; flagged: number }>();
    const others: number[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const running = busyLoops(loops, cpu);
      // Node's own start-up first, so that the loops are on the core when the run starts.
      if (loops > 0) await new Promise((resolve) => setTimeout(resolve, 300));
      const measured = session(args);
      for (const loop of running) loop.kill('SIGKILL');
      if (measured === null) continue;
      others.push(measured.othersShare);
      for (const run of measured.runs) {
        const entry = byStrategy.get(run.strategy) ?? { shares: [], flagged: 0 };
        entry.shares.push((run.crowdedUs ?? 0) / (run.cores * run.elapsedUs));
        if (run.disturbed) entry.flagged++;
        byStrategy.set(run.strategy, entry);
      }
    }
    for (const [strategy, { shares, flagged }] of byStrategy) {
      rows.push([
        name,
        strategy,
        percent(median(shares)),
        percent(Math.max(...shares)),
        `${flagged} of ${shares.length}`,
        others.length > 0 ? percent(median(others)) : '-',
      ]);
    }
  }
  return {
    title: 'Other programs’ CPU: the disturbed flag',
    lines: [
      `\`npm run bench -- crowding\`: ${SESSIONS} sessions of \`run --json\` per case. "Taken" is the run's crowdedUs (its threads' run-queue wait while the run left a core unused) as a share of its core time; a run is flagged disturbed above 15 %. "Others" is what the rest of the machine ran during the session (/proc/stat less the session's rusage), as a share of the machine's core time over the session: on a quiet machine the runs alone should read well below 15 % and none flagged; beside the busy loops every run should be.`,
      '',
      ...markdownTable(['case', 'strategy', 'taken (median)', 'taken (max)', 'flagged', 'others (median)'], rows),
    ],
  };
}
