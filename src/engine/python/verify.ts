import { disturbanceOf } from '../disturbance.js';
import { formatDuration } from '../duration.js';
import { startDbServer } from '../../workloads/db-server.js';
import { planAffinity, type AffinityPlan } from '../affinity.js';
import { emulate } from '../emulator/emulate-all.js';
import type { EmulatedStrategy, EmulatorParams } from '../emulator/params.js';
import type { RealCall, RealTask } from '../real/protocol.js';
import type { Phase, TaskSpec } from '../task-spec.js';
import type { Run } from '../runs.js';
import { describeInterpreter, type PythonInterpreter } from './interpreter.js';
import { startPythonRun, type DatabaseAccess } from './python-run.js';
import { medianHoldUs } from './hold-period.js';
import { probeMedianHoldUs } from './hold-probe.js';
import { median } from '../median.js';
import { SAMPLE_PERIOD_US } from './sample-period.js';
import { throughSampler } from './sampler-lens.js';
import { twinParams, twinPreset } from './twin-preset.js';
import { CONVOY_ROUND_TRIPS, emulatedConvoyWaitUs } from './verify-convoy.js';

export { medianHoldUs };

/**
 * `concur-tui verify`: a fixed battery run on a real interpreter and on its emulated twin, so a
 * user can check the emulator against the interpreter it claims to model, on their machine.
 */

/** A case's figure, the same definition on both sides. */
export type VerifyUnit = 'x' | 'ms' | 'us';

export interface VerifiedCase {
  id: string;
  what: string;
  unit: VerifyUnit;
  /** Real figures, one per repeat. */
  real: number[];
  realMedian: number;
  emulated: number;
  /** emulated ÷ real median. */
  ratio: number;
  /**
   * The smallest difference the measurement can tell, in the case's unit (absent: none below
   * TOLERANCE): a figure read from samples agrees within it even where ±TOLERANCE is finer.
   */
  resolution?: number;
  /** Within TOLERANCE (or the resolution) of the real median. */
  agrees: boolean;
}

export interface VerifyReport {
  interpreter: string;
  path: string;
  preset: string;
  /** Which interpreter and measurement the preset's figures come from. */
  basis: string;
  cores: number;
  repeats: number;
  cases: VerifiedCase[];
  /** What the battery could not measure here, and why. */
  notes: string[];
}

/** How far the emulated figure may be from the real median and still agree. */
export const TOLERANCE = 0.15;

/**
 * A sampled figure's resolution: the classifier folds a share of a sample below this into its
 * neighbour (classify.ts: 10 % of a ~1.1 ms sample, at least 50 µs).
 */
export const SAMPLED_RESOLUTION_US = Math.round(0.1 * (SAMPLE_PERIOD_US + 100));

const COUNT_SECONDS = 0.5;
/** The switch intervals of the hold cases. */
const HOLD_INTERVALS_US = [1_000, 5_000, 20_000] as const;

export interface VerifyOptions {
  cores: number;
  repeats?: number;
  /** Told before each measurement (a progress line). */
  onStep?: (what: string) => void;
}

const tasksOf = (calls: RealCall[][]): RealTask[] => calls.map((list, i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls: list }));
const specsOf = (phases: Phase[][]): TaskSpec[] => phases.map((list, i) => ({ name: `T${i + 1}`, arrivalUs: 0, phases: list }));

/** Emulated ÷ real, and whether they agree: within TOLERANCE, or within the measurement's resolution (0: none). */
export function verdict(realMedian: number, emulated: number, resolution: number): Pick<VerifiedCase, 'ratio' | 'resolution' | 'agrees'> {
  const ratio = emulated / realMedian;
  const agrees = Math.abs(ratio - 1) <= TOLERANCE || Math.abs(emulated - realMedian) <= resolution;
  return { ratio, ...(resolution > 0 ? { resolution } : {}), agrees };
}

/** Disturbed runs named in the note before "and N more". */
const DISTURBED_LISTED = 3;

/**
 * The note on the battery's real runs that other programs slowed (disturbance.ts), each named by
 * what it measured and why; null when none was. A case they fed may miss for that reason alone.
 */
export function disturbedNote(disturbed: readonly string[]): string | null {
  if (disturbed.length === 0) return null;
  const more = disturbed.length > DISTURBED_LISTED ? `; and ${disturbed.length - DISTURBED_LISTED} more` : '';
  const runs = `${disturbed.length} real run${disturbed.length === 1 ? ' was' : 's were'}`;
  return `${runs} disturbed from outside, so a case they fed may miss for that reason (rerun on a quiet machine): ${disturbed.slice(0, DISTURBED_LISTED).join('; ')}${more}`;
}

/** Time lane `lane` of a real run spent waiting for the GIL, in µs. */
function gilWaitUs(run: Run, lane: number): number {
  return run.spans.filter((span) => span.lane === lane && span.state === 'gil-wait').reduce((sum, span) => sum + span.endUs - span.startUs, 0);
}

export async function verifyInterpreter(python: PythonInterpreter, options: VerifyOptions): Promise<VerifyReport> {
  // The battery's queries are 0 ms round trips, a few at a time.
  const db = await startDbServer({ longestQueryMs: 0, clients: 8 });
  try {
    return await battery(python, options, { port: db.address.port, token: db.address.token });
  } finally {
    await db.close();
  }
}

async function battery(python: PythonInterpreter, options: VerifyOptions, access: DatabaseAccess): Promise<VerifyReport> {
  const { cores } = options;
  const database = Promise.resolve(access);
  const repeats = options.repeats ?? 3;
  let stepNow = '';
  const step = (what: string) => {
    stepNow = what;
    options.onStep?.(what);
  };
  const disturbed: string[] = [];
  // One core through CPU affinity (taskset), where the machine has more and taskset is here.
  const oneCore = cores > 1 ? planAffinity(1) : null;
  const notes: string[] = [];
  if (cores === 1) notes.push('one core only: the 1-core cases are the 2-core cases');
  else if (oneCore?.unavailable) notes.push(`no 1-core cases: ${oneCore.unavailable}`);
  const pinned = oneCore !== null && oneCore.cpus !== null ? oneCore : null;
  const real = async (
    strategy: EmulatedStrategy,
    calls: RealCall[][],
    switchIntervalUs = 5_000,
    until?: (run: Run) => boolean,
    affinity: AffinityPlan | null = null,
  ): Promise<Run> => {
    const runCores = affinity === null ? cores : 1;
    const handle = startPythonRun({
      python,
      strategy,
      tasks: tasksOf(calls),
      workers: runCores,
      switchIntervalUs,
      checkInterval: 100,
      cores: runCores,
      coresAsked: affinity === null ? null : 1,
      ...(affinity === null ? {} : { affinity }),
      database,
    });
    if (until) {
      const poll = setInterval(() => until(handle.snapshot()) && void handle.cancel('verify: measured'), 20);
      void handle.done.finally(() => clearInterval(poll));
    }
    const run = await handle.done;
    const failed = run.tasks.find((task) => task.error !== undefined && task.error !== 'verify: measured');
    if (failed) throw new Error(`verify on ${describeInterpreter(python)}: ${failed.name} failed: ${failed.error}`);
    const { disturbedReason } = disturbanceOf(run, undefined);
    if (disturbedReason !== null)
      disturbed.push(
        `${strategy} of ${calls.length} task${calls.length === 1 ? '' : 's'}${affinity === null ? '' : ' on 1 core'} (${stepNow}): ${disturbedReason}`,
      );
    return run;
  };
  const emulated = (strategy: EmulatedStrategy, phases: Phase[][], overrides: Partial<EmulatorParams> = {}): Run =>
    emulate({ workload: 'verify', tasks: specsOf(phases), notes: [] }, [strategy], twinParams(python, cores, overrides)).runs[0]!;

  const hasSwitchInterval = python.gilEnabled && python.major >= 3;
  // CPython's holds are a time, which the hold probe reads exactly (hold-probe.ts); PyPy's depend
  // on the code that runs, so they are read off the count loop itself, through the sampler.
  const holdsExact = python.implementation === 'CPython';
  step('calibrating');
  const probe = 2_000_000;
  const nsPerIteration = ((await real('sequential', [[{ workload: 'count', argument: probe }]])).elapsedUs * 1_000) / probe;
  const n = Math.max(1_000, Math.round((COUNT_SECONDS * 1e9) / nsPerIteration));
  const count: RealCall = { workload: 'count', argument: n };
  const cpu: Phase = { kind: 'cpu', us: Math.round((n * nsPerIteration) / 1_000) };
  // Both sides' holds as the real side reads them: exactly, or as the sampler sees them (a hold
  // shorter than its period reads as about one).
  const emulatedHoldUs = (switchIntervalUs: number) => {
    const run = emulated('threads', [[cpu], [cpu]], { switchIntervalUs });
    return medianHoldUs(holdsExact ? run : throughSampler(run));
  };

  const samples = new Map<string, number[]>();
  const add = (id: string, value: number) => samples.set(id, [...(samples.get(id) ?? []), value]);
  const turnaround = (run: Run, lane: number) => run.tasks[lane]!.turnaroundUs;
  const convoyCalls: RealCall[] = Array.from({ length: CONVOY_ROUND_TRIPS }, (): RealCall => ({ workload: 'query', argument: 0 }));
  let aloneUs = 0;
  const convoyExtraUs: number[] = [];
  for (let r = 1; r <= repeats; r++) {
    step(`repeat ${r} of ${repeats}`);
    const sequential2 = await real('sequential', [[count], [count]]);
    add('cpu-2-threads', (await real('threads', [[count], [count]])).elapsedUs / sequential2.elapsedUs);
    add('cpu-2-processes', (await real('processes', [[count], [count]])).elapsedUs / sequential2.elapsedUs);
    const sequential4 = await real('sequential', [[count], [count], [count], [count]]);
    add('cpu-4-threads', (await real('threads', [[count], [count], [count], [count]])).elapsedUs / sequential4.elapsedUs);
    if (pinned !== null) {
      const onOne = (strategy: EmulatedStrategy, n: number) =>
        real(
          strategy,
          Array.from({ length: n }, () => [count]),
          5_000,
          undefined,
          pinned,
        );
      add('cpu-2-threads-1core', (await onOne('threads', 2)).elapsedUs / (await onOne('sequential', 2)).elapsedUs);
      add('cpu-4-threads-1core', (await onOne('threads', 4)).elapsedUs / (await onOne('sequential', 4)).elapsedUs);
    }
    add('sleep-threads', (await real('threads', [[{ workload: 'sleep', argument: 2_000 }], [{ workload: 'sleep', argument: 1_000 }]])).elapsedUs / 1_000);
    const alone = await real('threads', [convoyCalls]);
    aloneUs = turnaround(alone, 0) / CONVOY_ROUND_TRIPS;
    const beside = await real(
      'threads',
      // The CPU thread is the tutorial's loop, long enough to outlast the round trips; the run ends when they do.
      [convoyCalls, [{ workload: 'count', argument: n * 40 }]],
      5_000,
      (run) => run.tasks[0]?.error !== undefined || run.spans.some((s) => s.lane === 0 && s.state === 'done'),
    );
    // The GIL's share of the round trip: what the sampler saw the I/O thread wait for the GIL.
    // Its turnaround would add the loopback server's answer and waits for a core, which belong
    // to this machine (the server and the sampler run in this process), not to the GIL.
    add('convoy', gilWaitUs(beside, 0) / CONVOY_ROUND_TRIPS);
    convoyExtraUs.push(turnaround(beside, 0) / CONVOY_ROUND_TRIPS - aloneUs);
    // The hold period is the new GIL's switch interval at work: there is none without a GIL, and
    // 2.7's GIL has a check interval in ticks instead.
    if (hasSwitchInterval) {
      for (const intervalUs of HOLD_INTERVALS_US) {
        const hold = holdsExact
          ? probeMedianHoldUs(python, intervalUs, Math.max(500_000, 30 * intervalUs))
          : medianHoldUs(await real('threads', [[count], [count]], intervalUs));
        add(`hold-${intervalUs / 1_000}ms`, await hold);
      }
    }
  }

  const emulatedFigure: Record<string, () => number> = {
    'cpu-2-threads': () => emulated('threads', [[cpu], [cpu]]).elapsedUs / emulated('sequential', [[cpu], [cpu]]).elapsedUs,
    'cpu-2-processes': () => emulated('processes', [[cpu], [cpu]]).elapsedUs / emulated('sequential', [[cpu], [cpu]]).elapsedUs,
    'cpu-4-threads': () => emulated('threads', [[cpu], [cpu], [cpu], [cpu]]).elapsedUs / emulated('sequential', [[cpu], [cpu], [cpu], [cpu]]).elapsedUs,
    'sleep-threads': () => emulated('threads', [[{ kind: 'io', us: 2_000_000 }], [{ kind: 'io', us: 1_000_000 }]]).elapsedUs / 1_000,
    'cpu-2-threads-1core': () => emulated('threads', [[cpu], [cpu]], { cores: 1 }).elapsedUs / emulated('sequential', [[cpu], [cpu]], { cores: 1 }).elapsedUs,
    'cpu-4-threads-1core': () =>
      emulated('threads', [[cpu], [cpu], [cpu], [cpu]], { cores: 1 }).elapsedUs / emulated('sequential', [[cpu], [cpu], [cpu], [cpu]], { cores: 1 }).elapsedUs,
    convoy: () => emulatedConvoyWaitUs(twinParams(python, cores), aloneUs),
    ...Object.fromEntries(HOLD_INTERVALS_US.map((intervalUs) => [`hold-${intervalUs / 1_000}ms`, () => emulatedHoldUs(intervalUs)])),
  };
  const what: Record<string, [string, VerifyUnit]> = {
    'cpu-2-threads': ['2 CPU tasks: threads ÷ sequential', 'x'],
    'cpu-2-processes': ['2 CPU tasks: processes ÷ sequential', 'x'],
    'cpu-4-threads': [`4 CPU tasks on ${cores} cores: threads ÷ sequential`, 'x'],
    'cpu-2-threads-1core': ['2 CPU tasks on 1 core (taskset): threads ÷ sequential', 'x'],
    'cpu-4-threads-1core': ['4 CPU tasks on 1 core (taskset): threads ÷ sequential', 'x'],
    'sleep-threads': ['sleeps of 2 s and 1 s in threads: elapsed', 'ms'],
    convoy: [`${CONVOY_ROUND_TRIPS.toLocaleString('en-US')} database round trips beside a CPU thread: GIL wait per round trip`, 'us'],
    'hold-1ms': ['GIL hold period, switch interval 1 ms', 'us'],
    'hold-5ms': ['GIL hold period, switch interval 5 ms', 'us'],
    'hold-20ms': ['GIL hold period, switch interval 20 ms', 'us'],
  };
  const sampled = new Set(['convoy', ...(holdsExact ? [] : HOLD_INTERVALS_US.map((intervalUs) => `hold-${intervalUs / 1_000}ms`))]);
  const cases = [...samples].map(([id, values]): VerifiedCase => {
    const realMedian = median(values);
    const emulatedValue = emulatedFigure[id]!();
    const resolution = sampled.has(id) ? SAMPLED_RESOLUTION_US : 0;
    return { id, what: what[id]![0], unit: what[id]![1], real: values, realMedian, emulated: emulatedValue, ...verdict(realMedian, emulatedValue, resolution) };
  });
  if (convoyExtraUs.length > 0) {
    const extraUs = median(convoyExtraUs);
    const gilUs = median(samples.get('convoy')!);
    notes.push(
      `convoy: a round trip took ${formatDuration(Math.round(extraUs))} longer beside the CPU thread than alone, ${formatDuration(Math.round(gilUs))} of it waiting for the GIL; ` +
        'the rest waited for a core or for the loopback server (which shares this process with the sampler): the emulator models neither',
    );
  }
  const disturbedRuns = disturbedNote(disturbed);
  if (disturbedRuns !== null) notes.push(disturbedRuns);
  const preset = twinPreset(python);
  return { interpreter: describeInterpreter(python), path: python.path, preset: preset.name, basis: preset.basis, cores, repeats, cases, notes };
}
