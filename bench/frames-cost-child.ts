import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/*
 * One sample of the frames-cost bench, in a fresh process (so its first playback pays what a
 * dashboard's does: the frame's code not yet compiled): the dashboard's frame path of the build
 * in argv[2] — a tick, the playhead-only check, the view, the cell diff — driven at 15 frames a
 * second of playback time, playing count at 80×24 from its start `PLAYBACKS` times. Between
 * frames the event loop turns once, so V8's tasks (compiles, collections) run as they would
 * between real frames. CPU is the whole process's (every thread: V8 compiles and collects on
 * its own). Prints one JSON line: per playback, frames, CPU ms, bytes written and the process's
 * CPU from its start to the playback's end (module loading and the first picture included).
 * argv[3], if given, is the number of playbacks (default 3): instruction counts of runs with
 * different numbers (valgrind --tool=cachegrind, frames-cost.ts) give a playback's cost without timing noise.
 */
const PLAYBACKS = process.argv[3] === undefined ? 3 : Number(process.argv[3]);
const FRAME_MS = 1_000 / 15;
const SIZE = { columns: 80, rows: 24 };

const root = process.argv[2];
if (root === undefined) throw new Error('usage: frames-cost-child BUILD_ROOT');
const load = (path: string) => import(pathToFileURL(join(root, 'dist', path)).href);

const engine = await load('src/engine/index.js');
const { createProgram } = await load('src/ui/program/program.js');
const { ProgramRun } = await load('src/ui/program/program-run.js');
const { movesOnlyThePlayhead } = await load('src/ui/program/playback-only.js');
const { isPlaying } = await load('src/ui/program/derive.js');
const { DASHBOARD_STRATEGIES, initialModel } = await load('src/ui/state/model.js');
const { decodeKey } = await load('src/ui/script/key-bytes.js');
const { DiffWriter } = await load('src/ui/terminal/diff-writer.js');

const setupFor = (name: string) => {
  const scenario = engine.SCENARIOS.find((s: { name: string }) => s.name === name);
  return { input: { workload: name, tasks: engine.scenarioTasks(scenario, engine.TUTORIAL_CALIBRATION), notes: [] } };
};
const program = createProgram({ setupFor, theme: { color: true, unicode: true } });
const initial = initialModel({ scenario: 'count', layers: engine.NO_LAYERS, strategies: [...DASHBOARD_STRATEGIES], speed: 1 });
const run = new ProgramRun(program, initial, () => {});
const writer = new DiffWriter();
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
let bytes = 0;
const show = () => {
  bytes += Buffer.byteLength(writer.draw(run.frame(SIZE)));
};

show(); // the first picture
const playbacks: { frames: number; cpuMs: number; bytes: number; sinceStartMs: number }[] = [];
for (let playback = 0; playback < PLAYBACKS; playback++) {
  run.dispatch({ type: 'key', ...decodeKey('0') }); // from the start, as the key does
  show();
  await turn();
  const cpu0 = process.cpuUsage();
  const bytes0 = bytes;
  let frames = 0;
  while (isPlaying(run.model, run.derived())) {
    const before = run.model;
    run.dispatch({ type: 'tick', dtMs: FRAME_MS });
    // What the live driver checks before drawing a tick's frame (app.tsx); the last tick, which ends playback, goes through React there.
    const playheadOnly = movesOnlyThePlayhead(before, run.model, program.derive);
    if (!playheadOnly && isPlaying(run.model, run.derived())) throw new Error('a playback tick changed more than the playhead');
    show();
    frames++;
    await turn();
  }
  const cpu = process.cpuUsage(cpu0);
  const sinceStart = process.cpuUsage();
  playbacks.push({ frames, cpuMs: (cpu.user + cpu.system) / 1_000, bytes: bytes - bytes0, sinceStartMs: (sinceStart.user + sinceStart.system) / 1_000 });
}
process.stdout.write(`${JSON.stringify(playbacks)}\n`);
