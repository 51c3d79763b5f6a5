import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeBuild, markdownTable, median, type BenchSection } from './report.js';
import {
  type Build,
  type CaCerts,
  YARGS_FLOOR,
  dashboardStartMs,
  hasStrace,
  hasValgrind,
  instructions,
  javascriptRead,
  type JavascriptRead,
  startEnv,
  wallMs,
  type DashboardProbe,
} from './startup-probes.js';
import { TmuxServer, hasTmux } from './tmux-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const THIS: Build = { label: 'this commit', bin: join(ROOT, 'bin', 'concur-tui') };
const PROCESS_ROUNDS = 9;
const DASHBOARD_ROUNDS = 5;

/**
 * CONCUR_BENCH_BEFORE=DIR (a built checkout of another commit): its concur-tui runs in the same
 * rounds, so the figures before a change stand beside the new ones, measured alike.
 */
function builds(): Build[] {
  const before = beforeBuild('bin/concur-tui');
  return before ? [{ label: before.label, bin: join(before.dir, 'bin', 'concur-tui') }, THIS] : [THIS];
}

/** NODE_EXTRA_CA_CERTS makes every Node start read its CA file: measured both ways when it is set. */
const certVariants = (): CaCerts[] => (process.env.NODE_EXTRA_CA_CERTS ? ['with', 'without'] : ['without']);

type Samples = Map<string, number[]>;
const push = (samples: Samples, key: string, value: number) => samples.set(key, [...(samples.get(key) ?? []), value]);
const ms = (values: readonly number[]) => `${median(values).toFixed(0)} ms`;
const spread = (values: readonly number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
const ratio = (values: readonly number[]) => `${median(values).toFixed(2)}× (${spread(values)})`;
const jsRead = (read: JavascriptRead) => `${read.projectFiles} / ${read.files}, ${(read.bytes / 1024).toFixed(0)} KB`;

/** Wall times in interleaved rounds (A B C A B C), and each round's ratios to `node -e 0` of the same round and environment. */
function processRounds(all: Build[]): Samples {
  const samples: Samples = new Map();
  for (let round = 0; round < PROCESS_ROUNDS; round++) {
    for (const certs of certVariants()) {
      const env = startEnv(certs, { CI: '1' });
      const node = wallMs(['-e', '0'], env);
      push(samples, `${certs}/node`, node);
      const yargs = wallMs(YARGS_FLOOR, env);
      push(samples, `${certs}/yargs`, yargs);
      push(samples, `${certs}/yargs÷node`, yargs / node);
      for (const build of all) {
        const help = wallMs([build.bin, '--help'], env);
        const emulate = wallMs([build.bin, 'emulate', '--scenario', 'count'], env);
        const parse = wallMs([build.bin, 'scenarios'], env);
        const cold = withEmptyCache((home) => wallMs([build.bin, 'emulate', '--scenario', 'count'], { ...env, XDG_CACHE_HOME: home }));
        push(samples, `${certs}/${build.label}/help`, help);
        push(samples, `${certs}/${build.label}/help÷node`, help / node);
        push(samples, `${certs}/${build.label}/emulate`, emulate);
        push(samples, `${certs}/${build.label}/emulate÷node`, emulate / node);
        push(samples, `${certs}/${build.label}/parse`, parse);
        push(samples, `${certs}/${build.label}/parse÷node`, parse / node);
        push(samples, `${certs}/${build.label}/cold emulate`, cold);
        push(samples, `${certs}/${build.label}/cold emulate÷node`, cold / node);
      }
    }
  }
  return samples;
}

function dashboardRounds(all: Build[]): Samples {
  const samples: Samples = new Map();
  if (!hasTmux()) return samples;
  const server = new TmuxServer('concur-bench-startup');
  try {
    // Untimed: each build's first dashboard writes its code cache.
    for (const build of all) dashboardStartMs(server, build, 'without', 'whole');
    for (let round = 0; round < DASHBOARD_ROUNDS; round++)
      for (const certs of certVariants())
        for (const build of all) {
          for (const probe of ['picture', 'whole', 'key'] as DashboardProbe[])
            push(samples, `${certs}/${build.label}/${probe}`, dashboardStartMs(server, build, certs, probe));
          push(
            samples,
            `${certs}/${build.label}/cold whole`,
            withEmptyCache((home) => dashboardStartMs(server, build, certs, 'whole', home)),
          );
        }
  } finally {
    server.stop();
  }
  return samples;
}

/** The cache directories of first starts: removed at the end, once no process of theirs is left to write its cache there. */
const coldHomes: string[] = [];

/** `measure` with an empty cache directory of its own: a first start after an install or a build, which compiles everything and writes its code cache at exit. */
function withEmptyCache<T>(measure: (cacheHome: string) => T): T {
  const home = mkdtempSync(join(tmpdir(), 'concur-bench-cold-'));
  coldHomes.push(home);
  return measure(home);
}

/**
 * Every start here keeps its code cache (src/cli/code-cache.ts) in a directory of the bench's
 * own, which one start of each command fills before the rounds: the start a user has every time
 * but the first (which the cold rows measure, each with an empty directory).
 */
function warmCache(all: Build[]): string {
  const home = mkdtempSync(join(tmpdir(), 'concur-bench-cache-'));
  process.env.XDG_CACHE_HOME = home;
  const env = startEnv('without', { CI: '1' });
  for (const build of all) for (const args of [['--help'], ['emulate', '--scenario', 'count'], ['scenarios']]) wallMs([build.bin, ...args], env);
  return home;
}

/** The command lines counted in instructions (one start each, without NODE_EXTRA_CA_CERTS: a count needs no repeats). */
const COUNTED: readonly [what: string, args: readonly string[]][] = [
  ['`--help`', ['--help']],
  ['`scenarios` (the command line alone)', ['scenarios']],
  ['`emulate --scenario count`', ['emulate', '--scenario', 'count']],
];

/** Instructions of each start beside `node -e 0`'s: the same ratios as the wall times, but no load moves them. */
function instructionRows(all: Build[]): string[] {
  if (!hasValgrind()) return ['', 'Instructions: valgrind is not installed here.'];
  const env = startEnv('without', { CI: '1' });
  const node = instructions(['-e', '0'], env);
  const cell = (count: number) => `${(count / 1e6).toFixed(0)} M (${(count / node).toFixed(2)}×)`;
  const rows = [
    ['`node -e 0`', ...all.map(() => cell(node))],
    ...COUNTED.map(([what, args]) => [what, ...all.map((build) => cell(instructions([build.bin, ...args], env)))]),
  ];
  return [
    '',
    "Instructions executed by one start, all threads (valgrind's cachegrind; without NODE_EXTRA_CA_CERTS), and ÷ `node -e 0`'s: a count the machine's load does not move.",
    '',
    ...markdownTable(['instructions', ...all.map((build) => build.label)], rows),
  ];
}

/** A load average at the start above this means other work shares the cores. */
const BUSY_LOAD = 1;

/** Start-up: module counts, `--help` and `emulate` against `node -e 0`, the dashboard's first picture and first key. */
export async function startupBench(): Promise<BenchSection> {
  const all = builds();
  const loadBefore = loadavg()[0]!;
  const cacheHome = warmCache(all);
  const census = hasStrace()
    ? all.map((build) => ({ build, help: javascriptRead(build, ['--help']), emulate: javascriptRead(build, ['emulate', '--scenario', 'count']) }))
    : null;
  const processes = processRounds(all);
  const dashboard = dashboardRounds(all);
  const counted = instructionRows(all);
  const loadAfter = loadavg()[0]!;
  for (const home of [cacheHome, ...coldHomes.splice(0)]) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  const get = (samples: Samples, key: string) => samples.get(key) ?? [];
  const lines: string[] = [
    `Wall times from spawn to exit (or to the screen in tmux), medians of ${PROCESS_ROUNDS} interleaved rounds (${DASHBOARD_ROUNDS} for the dashboard);`,
    'every start with the code cache its command wrote on an earlier start (src/cli/code-cache.ts), but those marked "the first start", each with an empty cache directory;',
    "ratios are each round's own (the same round and environment), median (min–max): compare ratios, the machine is shared.",
    `Load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end.`,
    // The load at the end holds this section's own processes (a dashboard in tmux, rounds of
    // spawns), so only the load it started on tells of other work.
    ...(loadBefore > BUSY_LOAD
      ? [
          '',
          `⚠ The machine was busy when this section started (load ${loadBefore.toFixed(1)} on ${availableParallelism()} cores): every time here is inflated by waiting for a core; rerun on a quiet machine before quoting one.`,
        ]
      : []),
    '',
    ...(census === null
      ? ['JavaScript files a start opens: strace is not installed here.']
      : markdownTable(
          ['JavaScript files a start opens (outside node_modules / all; a bundle holds packages too), their size', ...census.map(({ build }) => build.label)],
          [
            ['`--help`', ...census.map(({ help }) => jsRead(help))],
            ['`emulate --scenario count`', ...census.map(({ emulate }) => jsRead(emulate))],
          ],
        )),
  ];
  for (const certs of certVariants()) {
    const label = certs === 'with' ? 'with NODE_EXTRA_CA_CERTS (as this shell has it)' : 'without NODE_EXTRA_CA_CERTS';
    const row = (what: string, key: string) => [what, ms(get(processes, `${certs}/${key}`)), ratio(get(processes, `${certs}/${key}÷node`))];
    const rows = [
      ['`node -e 0`', ms(get(processes, `${certs}/node`)), '1'],
      row('yargs alone: a one-flag `--help` (the floor of any yargs command line)', 'yargs'),
      ...all.map((build) => row(`\`--help\` (${build.label})`, `${build.label}/help`)),
      ...all.map((build) => row(`\`emulate --scenario count\` (${build.label})`, `${build.label}/emulate`)),
      ...all.map((build) => row(`\`emulate --scenario count\`, the first start: no code cache yet (${build.label})`, `${build.label}/cold emulate`)),
      // What any command costs before its work: emulate's figure less this one is its emulation (and the emulator's loading).
      ...all.map((build) => row(`\`scenarios\`: the command line alone, yargs' parse and a one-line handler (${build.label})`, `${build.label}/parse`)),
    ];
    lines.push('', `### ${label}`, '', ...markdownTable(['what', 'median', '÷ node -e 0'], rows));
    if (dashboard.size > 0) {
      const dash = all.flatMap((build) => [
        [`first count picture: its first run drawn (${build.label})`, ms(get(dashboard, `${certs}/${build.label}/picture`))],
        [`whole count picture: every run drawn (${build.label})`, ms(get(dashboard, `${certs}/${build.label}/whole`))],
        [`first key handled: \`?\` opens help (${build.label})`, ms(get(dashboard, `${certs}/${build.label}/key`))],
        [`whole count picture, the first start: no code cache yet (${build.label})`, ms(get(dashboard, `${certs}/${build.label}/cold whole`))],
      ]);
      lines.push('', ...markdownTable(['dashboard in an 80×24 tmux pane', 'median'], dash));
    }
  }
  if (dashboard.size === 0) lines.push('', 'No tmux here: the dashboard was not measured.');
  lines.push(...counted);
  lines.push('', 'Targets: `--help` ≤ 2× and `emulate --scenario count` ≤ 3× `node -e 0`; first picture ≤ 250 ms, first key ≤ 400 ms.');
  return { title: 'Start-up', lines };
}
