import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulateRun } from '../src/engine/emulator/emulate.js';
import { emulateArgs, mainCase, peerArgs, peerParams, peerTasks, type PeerCase } from './peers/peer-case.js';
import { beforeBuild, markdownTable, median, type BenchSection } from './report.js';

/** Debian's SimPy lives in Debian's Python, not in pyenv's. */
const PYTHON = '/usr/bin/python3';
const PEER = fileURLToPath(new URL('../../bench/peers/simpy_new_gil.py', import.meta.url));
const ONCE = fileURLToPath(new URL('./peers/emulate-once.js', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const GNU_TIME = '/usr/bin/time';

/** CONCUR_BENCH_BEFORE=DIR, a built checkout of another commit: timed beside this build, alike. */
interface BeforeFiles {
  label: string;
  bin: string;
  emulator: string;
}

function beforeFiles(): BeforeFiles | null {
  const [bin, emulator] = ['bin/concur-tui', 'dist/src/engine/emulator/emulate.js'];
  const before = beforeBuild(bin, emulator);
  return before && { label: before.label, bin: join(before.dir, bin), emulator: join(before.dir, emulator) };
}
const ROUNDS = 5;

/** Cases checked for agreement: the issue's case at both slices, and three where threads also queue for cores. */
const AGREEMENT: PeerCase[] = [
  mainCase(100),
  mainCase(1_000),
  { threads: 3, cpuUs: 12_500_000, cores: 2, sliceUs: 1_000, intervalUs: 5_000 },
  { threads: 4, cpuUs: 1_000_000, cores: 2, sliceUs: 4_000, intervalUs: 5_000 },
  { threads: 3, cpuUs: 1_000_000, cores: 1, sliceUs: 4_000, intervalUs: 5_000 },
];

interface PeerResult {
  runMs: number;
  makespanUs: number;
  handoffs: number;
}

interface ProcessCost {
  wallMs: number;
  /** User + system CPU of the process and its children, when GNU time is there to say. */
  cpuMs: number | null;
  stdout: string;
}

const hasSimpy = () => spawnSync(PYTHON, ['-c', 'import simpy'], { stdio: 'ignore' }).status === 0;

/** SimPy from Debian, installed here if missing (the bench may run as root); null when it is there. */
function simpyMissing(): string | null {
  if (hasSimpy()) return null;
  process.stderr.write('bench: installing python3-simpy3 for the SimPy peer…\n');
  spawnSync('apt-get', ['install', '-y', '-q', 'python3-simpy3'], { stdio: 'ignore' });
  return hasSimpy() ? null : `SimPy is not importable by ${PYTHON} and \`apt-get install python3-simpy3\` failed`;
}

/**
 * The environments the CLI is timed in: as this shell has it, and without NODE_EXTRA_CA_CERTS
 * when it is set (it makes every Node start read its CA file, ~45 ms here, which no Python start pays).
 */
const CLI_ENVS: { label: string; env: NodeJS.ProcessEnv }[] = process.env.NODE_EXTRA_CA_CERTS
  ? [
      { label: 'with NODE_EXTRA_CA_CERTS', env: process.env },
      { label: 'without NODE_EXTRA_CA_CERTS', env: Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS')) },
    ]
  : [{ label: 'as this shell has it', env: process.env }];

/** Runs a command to its end, with its wall time and (under GNU time) its CPU time. */
function runCosted(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ProcessCost {
  const dir = mkdtempSync(join(tmpdir(), 'concur-peer-'));
  const timeFile = join(dir, 'time');
  const useTime = existsSync(GNU_TIME);
  const started = performance.now();
  const child = useTime
    ? spawnSync(GNU_TIME, ['-f', '%U %S', '-o', timeFile, command, ...args], { encoding: 'utf8', env: { ...env, CI: '1' } })
    : spawnSync(command, args, { encoding: 'utf8', env: { ...env, CI: '1' } });
  const wallMs = performance.now() - started;
  try {
    if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
    const cpu = useTime ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number) : null;
    return { wallMs, cpuMs: cpu ? (cpu[0]! + cpu[1]!) * 1_000 : null, stdout: child.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parse = (cost: ProcessCost) => JSON.parse(cost.stdout) as PeerResult;

/** Agreement: the same makespan and hand-off count on every case, the emulator run in this process. */
function agreementRows(): { rows: string[][]; agree: boolean } {
  let agree = true;
  const rows = AGREEMENT.map((c) => {
    const { run, events } = emulateRun(peerTasks(c), 'threads', peerParams(c));
    // The fast-forward skips the cycles of the steady state: what it takes without it, and with no event deferred.
    const simulated = emulateRun(peerTasks(c), 'threads', peerParams(c), { deferEvents: true, fastForward: false }).events;
    const scheduled = emulateRun(peerTasks(c), 'threads', peerParams(c), { deferEvents: false, fastForward: false }).events;
    const peer = parse(runCosted(PYTHON, [PEER, ...peerArgs(c)]));
    const same = run.elapsedUs === peer.makespanUs && run.gilHandoffs === peer.handoffs;
    agree &&= same;
    return [
      `${c.threads} × ${c.cpuUs / 1e6} s, ${c.cores} core(s), slice ${c.sliceUs / 1_000} ms`,
      `${(run.elapsedUs / 1e6).toFixed(3)} s / ${run.gilHandoffs}`,
      `${(peer.makespanUs / 1e6).toFixed(3)} s / ${peer.handoffs}`,
      same ? 'same' : '**differ**',
      `${events.toLocaleString('en-US')} (${simulated.toLocaleString('en-US')}; ${scheduled.toLocaleString('en-US')})`,
    ];
  });
  return { rows, agree };
}

/** One build's figures in a round: its emulator's first run, and its CLI in each of CLI_ENVS. */
interface BuildCost {
  firstRunMs: number;
  process: ProcessCost[];
}

interface Round {
  simpyRunMs: number;
  simpyProcess: ProcessCost;
  /** This build, then the before build when there is one. */
  builds: BuildCost[];
}

/** One round: each build's first run and CLI, and the peer, in alternating order (A B A B). */
function round(c: PeerCase, index: number, before: BeforeFiles | null): Round {
  const builds = [{ bin: BIN, emulator: [] as string[] }, ...(before ? [{ bin: before.bin, emulator: [before.emulator] }] : [])];
  const costs: Partial<BuildCost>[] = builds.map(() => ({}));
  let simpyProcess: ProcessCost | null = null;
  const steps = [
    ...builds.flatMap((build, b) => [
      () => {
        costs[b]!.firstRunMs = parse(runCosted(process.execPath, [ONCE, JSON.stringify(c), ...build.emulator])).runMs;
      },
      () => {
        costs[b]!.process = CLI_ENVS.map(({ env }) => runCosted(process.execPath, [build.bin, ...emulateArgs(c)], env));
      },
    ]),
    () => {
      simpyProcess = runCosted(PYTHON, [PEER, ...peerArgs(c)]);
    },
  ];
  for (const step of index % 2 === 0 ? steps : [...steps].reverse()) step();
  const simpy = simpyProcess as ProcessCost | null;
  if (simpy === null) throw new Error('the SimPy peer did not run');
  return { simpyProcess: simpy, simpyRunMs: parse(simpy).runMs, builds: costs as BuildCost[] };
}

const spread = (values: number[], digits = 0) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/**
 * Ratios are taken within each round, then their median: a disturbance hits both sides of a
 * round. Rows for each build (`builds`: this one, then the before's label); targets on this one's.
 */
function speedRows(c: PeerCase, rounds: Round[], builds: readonly string[]): string[][] {
  const ratios = (a: (r: Round) => number | null, b: (r: Round) => number | null) =>
    rounds.map((r) => (a(r) ?? Number.NaN) / (b(r) ?? Number.NaN)).filter(Number.isFinite);
  const slice = `${c.sliceUs / 1_000} ms`;
  const cpuCell = (values: number[]) => (values.length > 0 ? `${spread(values, 1)}×` : 'no GNU time');
  return builds.flatMap((build, b) => {
    const named = (what: string) => (b === 0 ? what : `${what}, ${build}`);
    const target = (text: string) => (b === 0 ? text : '–');
    const firstRun = ratios(
      (r) => r.simpyRunMs,
      (r) => r.builds[b]!.firstRunMs,
    );
    return [
      [
        slice,
        named('in-process, first run'),
        `${spread(rounds.map((r) => r.builds[b]!.firstRunMs))} ms`,
        `${spread(rounds.map((r) => r.simpyRunMs))} ms`,
        `${spread(firstRun, 1)}×`,
        target(c.sliceUs === 100 ? '≥ 30×' : '–'),
      ],
      ...CLI_ENVS.flatMap(({ label }, e) => [
        [
          slice,
          named(`whole process, wall, ${label}`),
          `${spread(rounds.map((r) => r.builds[b]!.process[e]!.wallMs))} ms`,
          `${spread(rounds.map((r) => r.simpyProcess.wallMs))} ms`,
          `${spread(
            ratios(
              (r) => r.simpyProcess.wallMs,
              (r) => r.builds[b]!.process[e]!.wallMs,
            ),
            1,
          )}×`,
          target(c.sliceUs === 100 ? '≥ 5×' : '≥ 2×'),
        ],
        [
          slice,
          named(`whole process, CPU, ${label}`),
          `${spread(rounds.flatMap((r) => r.builds[b]!.process[e]!.cpuMs ?? []))} ms`,
          `${spread(rounds.flatMap((r) => r.simpyProcess.cpuMs ?? []))} ms`,
          cpuCell(
            ratios(
              (r) => r.simpyProcess.cpuMs,
              (r) => r.builds[b]!.process[e]!.cpuMs,
            ),
          ),
          '–',
        ],
      ]),
    ];
  });
}

/** The emulator against a SimPy model of the same case: same answers, and how much faster. */
export async function simpyPeerBench(): Promise<BenchSection> {
  const title = 'Against a SimPy peer';
  const missing = simpyMissing();
  if (missing) return { title, lines: [`Not measured: ${missing}.`] };
  const loadBefore = loadavg()[0]!;
  const before = beforeFiles();
  const { rows: agreement, agree } = agreementRows();
  const speed = [100, 1_000].flatMap((sliceUs) => {
    const c = mainCase(sliceUs);
    // Untimed: the CLI's first start writes its code cache (src/cli/code-cache.ts), which a user's every later start reads.
    for (const bin of [BIN, ...(before ? [before.bin] : [])]) for (const { env } of CLI_ENVS) runCosted(process.execPath, [bin, ...emulateArgs(c)], env);
    return speedRows(
      c,
      Array.from({ length: ROUNDS }, (_, i) => round(c, i, before)),
      ['this commit', ...(before ? [before.label] : [])],
    );
  });
  const loadAfter = loadavg()[0]!;
  const simpyVersion = spawnSync(PYTHON, ['-c', 'import simpy; print(simpy.__version__)'], { encoding: 'utf8' }).stdout.trim();
  return {
    title,
    lines: [
      `\`bench/peers/simpy_new_gil.py\` models the same machine in SimPy ${simpyVersion} (${PYTHON}): cores as a FIFO resource with round-robin slices, and the new GIL of \`Python/ceval_gil.c\` (timed wait of one interval, drop request if no switch meanwhile, forced switching). A context switch costs nothing on both sides.`,
      '',
      `Agreement (makespan / GIL hand-offs): ${agree ? 'every case the same' : '**some cases differ**'}.`,
      '',
      ...markdownTable(['case', 'emulator', 'SimPy', '', 'emulator events (every cycle simulated; none deferred either)'], agreement),
      '',
      `Speed on the issue's case (2 threads × 12.5 s, 2 cores, new GIL 5 ms), ${ROUNDS} rounds, each running the emulator alone in a fresh process (its first run), the SimPy script, and \`concur-tui emulate\` (with the code cache an untimed first start wrote; in each environment below), in alternating order${before ? `, for this commit and the ${before.label} build alike` : ''}. Cells: median (min–max); ratios are SimPy ÷ emulator within a round. Load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after${Math.max(loadBefore, loadAfter) > 1.5 ? ' (**disturbed**: something else was running)' : ''}.`,
      '',
      ...markdownTable(['slice', 'what', 'emulator', 'SimPy', 'SimPy ÷ emulator', 'target'], speed),
    ],
  };
}
