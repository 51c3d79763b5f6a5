import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeBuild, markdownTable, median, type BenchSection } from './report.js';

/**
 * Issue 15's emulator scale, before and after, measured in the same run: the baseline is
 * CONCUR_BENCH_BEFORE=DIR (a built checkout of another commit, as the other sections take it) or
 * else main as the session that wrote this found it (199f132: span columns, deferred slice ends,
 * GIL waiters in a list, linear medians; no fast-forward of periodic steady states), built from git
 * into a temporary directory; both sides run the same cases in processes of their own,
 * alternating (A B, B A, …), so a load that comes and goes falls on both.
 */
const BASELINE = '199f132';
const ROUNDS = 3;
const THREAD_COUNTS = [10, 100, 1_000] as const;
const overBy = (value: number, target: number) => `${((value / target - 1) * 100).toFixed(0)} %`;

/**
 * Where the emulator stands against the targets, from the medians of the 10 M-event emulation in
 * a process of its own (CPU time and peak RSS per event): the whole CLI process no longer
 * simulates that many events, since the fast-forward skips the steady state of the long case.
 */
function verdict(cpuS: number, bytesPerEvent: number): string {
  const wall =
    cpuS <= 3 ? `${cpuS.toFixed(2)} s of CPU for 10 M events meets ≤ 3 s` : `${cpuS.toFixed(2)} s of CPU for 10 M events misses ≤ 3 s by ${overBy(cpuS, 3)}`;
  const bytes =
    bytesPerEvent <= 60
      ? `${bytesPerEvent.toFixed(0)} B/event meets ≤ 60 B`
      : `${bytesPerEvent.toFixed(1)} B/event misses ≤ 60 B by ${overBy(bytesPerEvent, 60)}`;
  return `After: ${wall}; ${bytes}. The table's GIL figures scan the span columns, so \`emulate\` builds no span objects; what is left is the kernel's cost per event.`;
}

/**
 * Two CPU threads at a 100 µs switch interval make four events an interval (the waiter's timeout
 * and three dispatches): 250 s of each make 10,000,0xx. Before events were deferred (slice-ends.ts,
 * gil-timers.ts) each hand-off also left a stale slice end and a stale GIL timer in the queue, six
 * events an interval, and 166.667 s made 10 M. The CLI's event budget (MAX_WAKEUPS) refuses 250 s,
 * so the whole process runs 200 s (8 M events; its time is also given scaled to 10 M) and the
 * 10 M-event case runs in-process. The before side runs the same cases.
 */
const LONG_SECONDS = 200;
const TEN_MILLION_SECONDS = 250;
const LONG_ARGS = ['emulate', '--tasks', `cpu:${LONG_SECONDS * 1_000}ms,cpu:${LONG_SECONDS * 1_000}ms`, '--switch-interval', '100us', '--strategy', 'threads'];

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
const thisDist = join(here, '..');

interface Side {
  name: 'before' | 'after';
  /** The build's root (its `dist`) and the repository holding its `bin/`. */
  dist: string;
  root: string;
}

interface Baseline {
  side: Side;
  /** What the section calls it: `before (COMMIT)`. */
  label: string;
  /** Where it was built from: the section's first sentence. */
  origin: string;
  cleanup: () => void;
}

/** CONCUR_BENCH_BEFORE's build, or else the baseline commit, built beside this repository's node_modules. */
function baseline(): Baseline {
  const given = beforeBuild('dist/src/engine/emulator/emulate.js', 'bin/concur-tui');
  if (given) {
    const side: Side = { name: 'before', dist: join(given.dir, 'dist'), root: given.dir };
    return { side, label: given.label, origin: `${given.commit}, built in ${given.dir}`, cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'concur-baseline-'));
  execFileSync('sh', ['-c', `git -C "${repo}" archive ${BASELINE} | tar -x -C "${dir}"`]);
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'ignore' });
  if (!existsSync(join(dir, 'dist', 'src'))) throw new Error(`bench: the baseline ${BASELINE} did not build`);
  return {
    side: { name: 'before', dist: join(dir, 'dist'), root: dir },
    label: `before (${BASELINE})`,
    origin: `main at ${BASELINE} (built from git into a temporary directory)`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface ChildFigures {
  events: number;
  cpuMs: number;
  wallMs: number;
  peakRssBytes: number;
}

/** `scheduled`: with every event in the queue, none deferred (this build only), to count what deferring saves. */
function emulateInChild(side: Side, kind: 'threads' | 'long', size: number, scheduled = false): ChildFigures {
  const args = [join(here, 'scale-child.js'), side.dist, kind, String(size), ...(scheduled ? ['scheduled'] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as ChildFigures;
}

interface ProcessFigures {
  wallS: number;
  cpuS: number;
  peakRssBytes: number;
}

/** The whole CLI process under /usr/bin/time -v: wall clock, user + system CPU, peak RSS. */
function wholeProcess(side: Side): ProcessFigures {
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, join(side.root, 'bin', 'concur-tui'), ...LONG_ARGS], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, CI: '1' },
  });
  if (result.status !== 0) throw new Error(`bench: ${side.name} emulate failed: ${result.stderr.slice(-400)}`);
  const field = (name: string) => {
    const line = result.stderr.split('\n').find((l) => l.trim().startsWith(name));
    if (!line) throw new Error(`bench: /usr/bin/time gave no "${name}"`);
    return line.slice(line.lastIndexOf(': ') + 2).trim();
  };
  const [h, m, s] = field('Elapsed (wall clock) time').split(':').map(Number).reverse().concat([0, 0]).slice(0, 3).reverse() as [number, number, number];
  return {
    wallS: h * 3_600 + m * 60 + s,
    cpuS: Number(field('User time (seconds)')) + Number(field('System time (seconds)')),
    peakRssBytes: Number(field('Maximum resident set size (kbytes)')) * 1_024,
  };
}

/** Each round runs both sides, in alternating order. */
function interleaved<T>(sides: readonly [Side, Side], measure: (side: Side) => T): { before: T[]; after: T[] } {
  const figures = { before: [] as T[], after: [] as T[] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? sides : ([sides[1], sides[0]] as const);
    for (const side of order) figures[side.name].push(measure(side));
  }
  return figures;
}

const spread = (values: number[], digits: number) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
const ratio = (before: number[], after: number[]) => `${(median(before) / median(after)).toFixed(2)}×`;

export async function emulatorScaleBench(): Promise<BenchSection> {
  const before = baseline();
  try {
    const sides = [before.side, { name: 'after', dist: thisDist, root: repo }] as const;
    let sameEvents = true;
    const threadRows = THREAD_COUNTS.map((count) => {
      const runs = interleaved(sides, (side) => emulateInChild(side, 'threads', count));
      sameEvents &&= runs.before[0]!.events === runs.after[0]!.events;
      const cpu = (list: ChildFigures[]) => list.map((f) => f.cpuMs);
      const rss = (list: ChildFigures[]) => list.map((f) => f.peakRssBytes / 2 ** 20);
      const events = (list: ChildFigures[]) => [...new Set(list.map((f) => f.events))].join(' / ');
      return [
        `${count.toLocaleString('en-US')}`,
        `${events(runs.before)} → ${events(runs.after)}`,
        spread(cpu(runs.before), 0),
        spread(cpu(runs.after), 0),
        ratio(cpu(runs.before), cpu(runs.after)),
        `${median(rss(runs.before)).toFixed(0)} → ${median(rss(runs.after)).toFixed(0)} MB`,
      ];
    });
    const events = emulateInChild(sides[1], 'long', LONG_SECONDS).events;
    // The before build's own count: a build from before events were deferred simulates more for the same run.
    const beforeEvents = emulateInChild(sides[0], 'long', LONG_SECONDS).events;
    const eventsScheduled = emulateInChild(sides[1], 'long', LONG_SECONDS, true).events;
    const tenMillion = interleaved(sides, (side) => emulateInChild(side, 'long', TEN_MILLION_SECONDS));
    const tenMillionRows = (['before', 'after'] as const).map((name) => [
      name === 'before' ? before.label : 'after',
      [...new Set(tenMillion[name].map((f) => f.events))].join(' / '),
      spread(
        tenMillion[name].map((f) => f.cpuMs / 1_000),
        2,
      ),
      `${(median(tenMillion[name].map((f) => f.peakRssBytes)) / 2 ** 20).toFixed(0)} MB`,
      spread(
        tenMillion[name].map((f) => f.peakRssBytes / f.events),
        1,
      ),
    ]);
    const tenMillionCpu = (name: 'before' | 'after') => tenMillion[name].map((f) => f.cpuMs);
    const whole = interleaved(sides, wholeProcess);
    // After, the CLI fast-forwards the long case's steady state: its peak RSS is not per event.
    const perEvent = (list: ProcessFigures[]) => list.map((f) => f.peakRssBytes / beforeEvents);
    const pick = (list: ProcessFigures[], key: keyof ProcessFigures) => list.map((f) => f[key]);
    const wholeRows = (['before', 'after'] as const).map((name) => [
      name === 'before' ? before.label : 'after',
      spread(pick(whole[name], 'wallS'), 2),
      spread(pick(whole[name], 'cpuS'), 2),
      `${(median(whole[name].map((f) => f.peakRssBytes)) / 2 ** 20).toFixed(0)} MB`,
      name === 'before' ? spread(perEvent(whole[name]), 1) : '– (fast-forwarded)',
    ]);
    const load = (await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    return {
      title: 'Emulator scale',
      lines: [
        `Before = ${before.origin}, after = this build; each case in its own process, both sides alternating (A B, B A, A B), medians of ${ROUNDS} with min–max. Load average at the end: ${load} — on a shared machine the wall clock is inflated; CPU time, memory and the before/after ratios are the figures.`,
        '',
        `N CPU threads of 20 ms under the new GIL (5 ms), 2 cores, in-process emulation (CPU ms):`,
        '',
        ...markdownTable(['threads', 'events (before → after)', 'before CPU ms', 'after CPU ms', 'before ÷ after', 'peak RSS'], threadRows),
        '',
        `Every waiter still times out once an interval by design (CPython wakes each one), and each timeout takes a core for the context switch, which the trace shows (a \`ready\` span, a switch counted). ${sameEvents ? 'The events are the same on both sides: what changed is the cost of each' : "The before build schedules more events for the same runs (every waiter's timed wait in the queue, and stale slice ends and GIL timers left there): now only the longest waiter's timed wait is queued and stale events are not made; what changed besides is the cost of each event"} (GIL waiters in a list linked through the threads, no array emptied and refilled per instant, no string-keyed lookup per event, no recorder call for a dispatch) and of the figures read at the end (medians by selection, scans of the columns).`,
        '',
        `${beforeEvents.toLocaleString('en-US')} events simulated before (this build, were it to simulate every cycle: ${events.toLocaleString('en-US')}, or ${eventsScheduled.toLocaleString('en-US')} with no event deferred), the whole process (\`concur-tui ${LONG_ARGS.join(' ')}\`), /usr/bin/time -v; after, the emulator fast-forwards the steady state of the two threads trading the GIL (the same run, a few hundred events), so its row is what the command costs a user, not a cost per event:`,
        '',
        ...markdownTable(['build', 'wall s', 'CPU s (user + sys)', 'peak RSS', 'B/event (peak RSS ÷ events)'], wholeRows),
        '',
        `Targets: 10 M events ≤ 3 s whole process, ≤ 60 B/event peak. CPU before ÷ after: ${ratio(pick(whole.before, 'cpuS'), pick(whole.after, 'cpuS'))}; peak RSS before ÷ after: ${ratio(pick(whole.before, 'peakRssBytes'), pick(whole.after, 'peakRssBytes'))}.`,
        '',
        verdict(median(tenMillion.after.map((f) => (f.cpuMs / 1_000) * (1e7 / f.events))), median(tenMillion.after.map((f) => f.peakRssBytes / f.events))),
        '',
        `10 M events in one process (2 × ${TEN_MILLION_SECONDS} s, the emulation alone, no CLI: \`bench/scale-child.ts long ${TEN_MILLION_SECONDS}\`), both sides alternating:`,
        '',
        ...markdownTable(['build', 'events', 'CPU s', 'peak RSS', 'B/event'], tenMillionRows),
        '',
        `CPU before ÷ after: ${ratio(tenMillionCpu('before'), tenMillionCpu('after'))}.`,
      ],
    };
  } finally {
    before.cleanup();
  }
}
