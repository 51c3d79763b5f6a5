import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { beforeBuild, markdownTable, median, type BenchSection } from './report.js';
import { hasValgrind, instructions, startEnv } from './startup-probes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./frames-cost-child.js', import.meta.url));
const ROUNDS = 9;

/** One fresh process's playbacks (frames-cost-child.ts). */
type Sample = { frames: number; cpuMs: number; bytes: number; sinceStartMs: number }[];

function sample(root: string): Sample {
  return JSON.parse(execFileSync(process.execPath, [CHILD, root], { encoding: 'utf8' })) as Sample;
}

/** Median (min–max) of `values`, in ms. */
function spread(values: readonly number[], digits: number): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}) ms`;
}

/** Median (min–max) of CPU per frame, in ms. */
function perFrame(samples: readonly Sample[], playback: number): string {
  return spread(
    samples.map((s) => s[playback]!.cpuMs / s[playback]!.frames),
    3,
  );
}

/**
 * Frames cost: the dashboard's frame path alone (tick, view, cell diff; no terminal, no tmux),
 * count at 80×24 played from the start three times in a fresh process, `ROUNDS` processes per
 * build, alternating with CONCUR_BENCH_BEFORE=DIR (a built checkout of another commit) when
 * given. CPU of the whole process per frame (V8's compiler and collector threads included): the
 * part of the frames section that is this code's, without the terminal and tmux around it.
 */
export async function framesCostBench(): Promise<BenchSection> {
  // The child is this commit's; it loads the frame path from the build it is given.
  const before = beforeBuild('dist/src/ui/program/program.js');
  const builds = [...(before ? [{ label: before.label, root: before.dir }] : []), { label: 'this commit', root: ROOT }];
  const samples = new Map<string, Sample[]>(builds.map((build) => [build.label, []]));
  const loadBefore = loadavg()[0]!;
  for (let round = 0; round < ROUNDS; round++) {
    for (const build of builds) samples.get(build.label)!.push(sample(build.root));
  }
  const loadAfter = loadavg()[0]!;
  const busy = loadAfter > 1.5 || loadBefore > 1.5 ? ': ⚠ the machine was busy, CPU figures are inflated' : '';
  return {
    title: 'Frames cost (the frame path alone)',
    lines: [
      `count at 80×24 (colour, the four default strategies), played from its start 3 times at 15 frames a second of playback time in a fresh process (${ROUNDS} per build, alternating):`,
      "each frame is a tick, the playhead-only check, the view and the cell diff of the live dashboard (bench/frames-cost-child.ts), no terminal. CPU of the whole process (V8's threads too) per frame;",
      'the last column is all the process had used by the end of its first playback (Node and module loading, the emulation and the first picture included), so a cost moved out of the playback shows there.',
      `Medians (min–max). Load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end${busy}.`,
      '',
      ...markdownTable(
        ['build', 'frames a playback', '1st playback', '2nd playback', '3rd playback', 'bytes a frame', 'process CPU to the end of the 1st'],
        builds.map(({ label }) => {
          const runs = samples.get(label)!;
          const first = runs[0]![0]!;
          const sinceStart = spread(
            runs.map((s) => s[0]!.sinceStartMs),
            0,
          );
          return [label, String(first.frames), perFrame(runs, 0), perFrame(runs, 1), perFrame(runs, 2), (first.bytes / first.frames).toFixed(0), sinceStart];
        }),
      ),
      '',
      ...instructionLines(builds.map(({ label, root }) => ({ label, root, frames: samples.get(label)![0]![0]!.frames }))),
    ],
  };
}

/** Playbacks of the child whose counts are subtracted: the first one alone, and the 5th to 8th (compiled: `--predictable` also turns V8's memory reducer off, so no start-up collection lands in either). */
const STEADY_FROM = 4;
const STEADY_TO = 8;

/**
 * Instructions a frame, counted (valgrind) in the child run with `node --predictable`: V8 then
 * compiles and collects on the main thread at points fixed by the program, so the count is the
 * same from run to run (within 0.3 %) and no load moves it. The first playback's count holds the
 * JIT's compiling; the steady one, the frame's own code.
 */
function instructionLines(builds: readonly { label: string; root: string; frames: number }[]): string[] {
  if (!hasValgrind()) return ['Instructions a frame: valgrind is not installed here.'];
  const env = startEnv('without');
  const count = (root: string, playbacks: number) => instructions(['--predictable', CHILD, root, String(playbacks)], env);
  const rows = builds.map(({ label, root, frames }) => {
    const [none, one, from, to] = [0, 1, STEADY_FROM, STEADY_TO].map((playbacks) => count(root, playbacks)) as [number, number, number, number];
    const perFrame = (instructions: number, playbacks: number) => `${Math.round(instructions / (playbacks * frames) / 1_000)} K`;
    return [label, perFrame(one - none, 1), perFrame(to - from, STEADY_TO - STEADY_FROM)];
  });
  return [
    `Instructions a frame (valgrind's cachegrind, \`node --predictable\`: compiling and collecting on the main thread, at points the program fixes, so a count no load moves), the first playback and the ${STEADY_FROM + 1}th to ${STEADY_TO}th:`,
    '',
    ...markdownTable(['build', '1st playback', `${STEADY_FROM + 1}th–${STEADY_TO}th playbacks`], rows),
  ];
}
