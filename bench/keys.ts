import { loadavg } from 'node:os';
import {
  DEFAULT_PARAMS,
  EMULATED_STRATEGIES,
  NO_LAYERS,
  SCENARIOS,
  TUTORIAL_CALIBRATION,
  emulate,
  scenarioTasks,
  type EmulatedStrategy,
} from '../src/engine/index.js';
import { EmulationChild } from '../src/ui/emulation-child.js';
import { endOf } from '../src/ui/layout.js';
import { createProgram, type Program } from '../src/ui/program/program.js';
import { ProgramRun } from '../src/ui/program/program-run.js';
import { decodeKey } from '../src/ui/script/key-bytes.js';
import { DASHBOARD_STRATEGIES, initialModel, type Model } from '../src/ui/state/model.js';
import { markdownTable, median, type BenchSection } from './report.js';

/**
 * Keys that change what is emulated, in turn: the GIL's interval down and up, the GIL's model
 * through its three values, the time slice, the cores, the policy. Each comes back to where it
 * started, as a user trying things does, so the second half of a round revisits settings.
 */
const KEYS = ['[', '[', ']', ']', 'g', 'g', 'g', '-', '+', 'c', 'C', 'p', 'p', 'p'];
const ROUNDS = 3;
const SIZE = { columns: 80, rows: 24 };
const THEME = { color: true, unicode: true };

const setupFor = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  return { input: { workload: name, tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] }, params: { ...DEFAULT_PARAMS, ...scenario.machine } };
};

/**
 * CPU time of this process since `start`, in ms: the key's own cost. Wall time on this shared
 * machine is mostly time spent preempted (load average 20–50 while other work ran).
 */
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1_000;
};

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Before this change: every key re-emulated every strategy on the input path (`emulate`), then drew. */
function beforeKey(program: Program, model: Model, key: string): { model: Model; ms: number } {
  const start = process.cpuUsage();
  const next = program.update(model, { type: 'key', ...decodeKey(key) }).model;
  const trace = emulate(setupFor(next.scenario).input, next.strategies, next.params);
  program.view(next, { trace, refusal: null, state: 'done', pending: [], endUs: endOf(trace.runs) }, SIZE);
  return { model: next, ms: cpuMs(start) };
}

/** Now: the dashboard's own path (dispatch, derive, frame); a big emulation leaves it for the child, and lands later. */
async function afterKey(run: ProgramRun, program: Program, key: string): Promise<{ ms: number; settledMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const landed = new Promise<void>((resolve) => {
    const off = program.onEmulated(() => {
      off();
      resolve();
    });
  });
  run.dispatch({ type: 'key', ...decodeKey(key) });
  run.frame(SIZE);
  const ms = cpuMs(cpu);
  if (run.derived().state !== 'done') {
    await landed;
    run.frame(SIZE);
  }
  return { ms, settledMs: performance.now() - start };
}

interface Figures {
  before: number[];
  after: number[];
  settled: number[];
}

/** One scenario's keys, the two paths interleaved key by key (same models), on a fresh dashboard. */
async function measure(scenario: string, strategies: readonly EmulatedStrategy[], child: EmulationChild): Promise<Figures> {
  const figures: Figures = { before: [], after: [], settled: [] };
  const initial = initialModel({ scenario, layers: NO_LAYERS, strategies: [...strategies], speed: 1 });
  const before = createProgram({ setupFor, theme: THEME });
  const program = createProgram({ setupFor, theme: THEME, offThread: child });
  const run = new ProgramRun(program, initial, () => {});
  // The first picture (not a key): wait for it, as a user does.
  const first = new Promise<void>((resolve) => program.onEmulated(resolve));
  if (run.derived().state !== 'done') await first;
  let model = initial;
  for (let round = 0; round < ROUNDS; round++) {
    for (const key of KEYS) {
      const old = beforeKey(before, model, key);
      model = old.model;
      const now = await afterKey(run, program, key);
      figures.before.push(old.ms);
      figures.after.push(now.ms);
      figures.settled.push(now.settledMs);
    }
  }
  return figures;
}

/** Per key: the dashboard's own path in this process, before and after this change, interleaved. */
export async function keysBench(): Promise<BenchSection> {
  const child = new EmulationChild();
  // The child never keeps a process alive (the dashboard's terminal does): this bench must.
  const alive = setInterval(() => {}, 1_000);
  const rows: string[][] = [];
  const all: Record<'default' | 'all', number[]> = { default: [], all: [] };
  try {
    for (const [label, strategies] of [
      ['default', DASHBOARD_STRATEGIES],
      ['all', EMULATED_STRATEGIES],
    ] as const) {
      for (const scenario of SCENARIOS) {
        const f = await measure(scenario.name, strategies, child);
        all[label].push(...f.after);
        const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(2)}`;
        rows.push([
          scenario.name,
          label,
          `${median(f.before).toFixed(2)} / ${ms(f.before, 0.9)}`,
          `${median(f.after).toFixed(2)} / ${ms(f.after, 0.9)}`,
          `${median(f.settled).toFixed(1)} / ${ms(f.settled, 0.9)}`,
        ]);
      }
    }
  } finally {
    child.dispose();
    clearInterval(alive);
  }
  return {
    title: 'Keys',
    lines: [
      `Per key, in-process, the dashboard's own path at 80×24 (key → model → derive → frame), ${KEYS.length} keys × ${ROUNDS} rounds per scenario (${KEYS.join(' ')}), before (every strategy re-emulated inline, as up to 0c492cb) and after, interleaved key by key on the same models. Per-key figures are CPU ms of the dashboard's process (the background child's work excluded: it is off the input path); "settled" is wall ms from the key to the frame of the new settings, when the emulation ran in the child.`,
      `Load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores shared with other work: absolute times are inflated, the before/after ratio is the figure).`,
      '',
      ...markdownTable(
        ['scenario', 'strategies', 'before CPU ms (median / p90)', 'after CPU ms (median / p90)', 'after, settled wall ms (median / p90)'],
        rows,
      ),
      '',
      `All keys, after: default strategies median ${median(all.default).toFixed(2)} ms, p90 ${percentile(all.default, 0.9).toFixed(2)} ms; --strategy all median ${median(all.all).toFixed(2)} ms, p90 ${percentile(all.all, 0.9).toFixed(2)} ms (targets: ≤ 2 / ≤ 5 ms, ≤ 4 ms).`,
    ],
  };
}
