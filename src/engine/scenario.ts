import { UsageError } from './errors.js';
import { quote } from './quote.js';
import type { EmulationNote } from './emulator/emulate-all.js';
import type { EmulatorParams } from './emulator/params.js';
import type { TaskSpec } from './task-spec.js';
import { workloadNamed, type Calibration, type WorkloadName } from '../workloads/index.js';

/** One call of a workload inside a task, e.g. `count(100_000_000)`. */
export interface WorkloadCall {
  workload: WorkloadName;
  /** Iterations for count, milliseconds for sleep and query, bytes for compress. */
  argument: number;
}

export interface ScenarioTask {
  name: string;
  arrivalUs: number;
  calls: WorkloadCall[];
}

/** A named example from the tutorial, runnable by the emulator and the real engine. */
export interface Scenario {
  name: string;
  /** One line for `concur-tui scenarios`. */
  summary: string;
  tasks: ScenarioTask[];
  /** Machine settings the example needs (e.g. one core to show time slicing); flags still win. */
  machine: Partial<EmulatorParams>;
  /** What to tell the reader beside the results. */
  notes: EmulationNote[];
  /**
   * Real runs last this fraction of CPython's time (default 1): the tutorial's 13 s counts
   * would make a real run take a minute, and ratios do not depend on the size.
   */
  realScale?: number;
}

const task = (name: string, ...calls: WorkloadCall[]): ScenarioTask => ({ name, arrivalUs: 0, calls });
const count = (argument: number): WorkloadCall => ({ workload: 'count', argument });
const sleep = (argument: number): WorkloadCall => ({ workload: 'sleep', argument });
const query = (argument: number): WorkloadCall => ({ workload: 'query', argument });
const compress = (argument: number): WorkloadCall => ({ workload: 'compress', argument });

const CONVOY_IO_OPS = 20;

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Why the tutorial's 3.1× from two processes cannot be, for the tasks and cores emulated. */
function speedupBound({ tasks, cores }: { tasks: number; cores: number }): string {
  const bound = Math.min(tasks, cores);
  const best = bound === 1 ? 'match sequential' : bound === 2 ? 'halve the time' : `divide the time by ${bound}`;
  return `Two processes cannot be 3.1× faster than one: ${plural(tasks, 'task')} on ${plural(cores, 'core')} can at best ${best} (speed-up ≤ min(tasks, cores) = ${bound}).`;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'add-sub',
    summary: 'two trivial functions: concurrency buys nothing, processes pay their start-up',
    tasks: [task('add', count(20)), task('sub', count(20))],
    machine: {},
    notes: [],
  },
  {
    name: 'count',
    summary: 'two CPU-bound counts of 100,000,000: the GIL demonstration',
    tasks: [task('count-1', count(100_000_000)), task('count-2', count(100_000_000))],
    machine: {},
    realScale: 0.1,
    notes: ['The tutorial measured sequential 25.86 s, two threads 24.50 s, two processes 8.38 s.', speedupBound],
  },
  {
    name: 'sleep',
    summary: 'two threads sleeping 20 s and 10 s (scaled 1/10): threads take the longest sleep, not the sum',
    tasks: [task('sleep-20s', sleep(2_000)), task('sleep-10s', sleep(1_000))],
    machine: {},
    notes: ["The tutorial's 20 s and 10 s sleeps are scaled down to 2 s and 1 s."],
  },
  {
    name: 'db',
    summary: 'two independent ~2 s database fetches (employees, projects): waiting overlaps',
    tasks: [task('employees', query(2_000)), task('projects', query(2_000))],
    machine: {},
    notes: [],
  },
  {
    name: 'juggle',
    summary: 'driving and phoning: two tasks time-sliced on one core',
    tasks: [task('driving', count(300_000)), task('phoning', count(300_000))],
    machine: { cores: 1 },
    notes: ['One core: the tasks take turns, one OS time slice at a time.'],
  },
  {
    name: 'convoy',
    summary: 'an I/O-bound thread next to a CPU-bound thread: the GIL convoy effect',
    tasks: [task('io-bound', ...Array.from({ length: CONVOY_IO_OPS }, () => [count(800), sleep(1)]).flat()), task('cpu-bound', count(2_000_000))],
    machine: {},
    notes: [`Each of the I/O thread's ${CONVOY_IO_OPS} operations must win the GIL back from the CPU thread: about one switch interval each.`],
  },
  {
    name: 'compress',
    summary: 'two zlib compressions of 32 MiB: CPU-bound, yet zlib releases the GIL',
    tasks: [task('compress-1', compress(32 * 2 ** 20)), task('compress-2', compress(32 * 2 ** 20))],
    machine: {},
    notes: [
      "CPython's zlib releases the GIL while it compresses: threads overlap except for preparing the data.",
      "In Node, async zlib runs on libuv's thread pool, so the real async run uses several cores too.",
    ],
  },
];

export function findScenario(name: string): Scenario {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name);
  if (!scenario) {
    throw new UsageError(`unknown scenario ${quote(name)} (choose from ${SCENARIOS.map((s) => s.name).join(', ')})`);
  }
  return scenario;
}

/** The scenario's tasks as the emulator sees them: phases from each workload's cost model. */
export function scenarioTasks(scenario: Scenario, calibration: Calibration): TaskSpec[] {
  return scenario.tasks.map((spec) => ({
    name: spec.name,
    arrivalUs: spec.arrivalUs,
    phases: spec.calls.flatMap((call) => workloadNamed(call.workload).cost(call.argument, calibration)),
  }));
}
