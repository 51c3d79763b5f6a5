import { formatDuration } from '../duration.js';
import { UsageError } from '../errors.js';
import type { Scenario, WorkloadCall } from '../scenario.js';
import type { TaskSpec } from '../task-spec.js';
import type { Calibration } from '../../workloads/calibration.js';
import { countIterationsFor, workloadNamed } from '../../workloads/index.js';
import type { RealTask } from './protocol.js';

/** How emulated work becomes real work on this machine. */
export interface RealSizing {
  /** Real runs last `scale` × the time CPython would need (1 = the same durations). */
  scale: number;
  calibration: Calibration;
  /** What an `io:` phase of `--tasks` becomes: a sleep, or a query to the loopback database. */
  io: 'sleep' | 'query';
}

/** Above this a count could not be summed exactly in chunks, and would run for hours anyway. */
const MAX_ITERATIONS = 1e12;

/** A real count must stay summable in chunks (count.ts): refuse what the scale made too long. */
function checkedCount(iterations: number): number {
  if (iterations > MAX_ITERATIONS) throw new UsageError(`a real count of ${iterations.toExponential(1)} iterations is too long (lower --scale)`);
  return iterations;
}

/** The call as real work on this machine: each workload sizes its own argument. */
function scaleCall(call: WorkloadCall, sizing: RealSizing): WorkloadCall {
  const argument = workloadNamed(call.workload).scale(call.argument, sizing);
  return { workload: call.workload, argument: call.workload === 'count' ? checkedCount(argument) : argument };
}

/** A scenario's tasks, as real work on this machine. */
export function realTasksFromScenario(scenario: Scenario, sizing: RealSizing): RealTask[] {
  return scenario.tasks.map((task) => ({
    name: task.name,
    arrivalUs: Math.round(task.arrivalUs * sizing.scale),
    calls: task.calls.map((call) => scaleCall(call, sizing)),
  }));
}

/** `--tasks` phases as real work: cpu → count of the same duration, io → sleep or query. */
export function realTasksFromSpecs(tasks: readonly TaskSpec[], sizing: RealSizing): RealTask[] {
  return tasks.map((task) => ({
    name: task.name,
    arrivalUs: Math.round(task.arrivalUs * sizing.scale),
    calls: task.phases.map(
      (phase): WorkloadCall =>
        phase.kind === 'cpu'
          ? { workload: 'count', argument: checkedCount(countIterationsFor(phase.us, sizing)) }
          : { workload: sizing.io, argument: (phase.us / 1_000) * sizing.scale },
    ),
  }));
}

/**
 * One line on what the real counts are, at which cost per iteration and where that figure came
 * from (built in, or `calibrate` of a day), and what CPython would have needed for the same loops.
 */
export function describeRealCounts(tasks: readonly RealTask[], calibration: Calibration): string | null {
  const counts = tasks.flatMap((task) => task.calls.filter((call) => call.workload === 'count').map((call) => call.argument));
  if (counts.length === 0) return null;
  const largest = Math.max(...counts);
  const about = (ns: number) => (ns < 1_000 ? '< 1us' : `≈ ${formatDuration(Math.round(ns / 1_000))}`);
  return (
    `real count: up to ${largest.toLocaleString('en-US')} iterations a task, ${about(largest * calibration.nodeNsPerIteration)} here at ` +
    `${calibration.nodeNsPerIteration} ns/iteration (${calibration.nodeSource}); CPython would need ${about(largest * calibration.cpythonNsPerIteration)} for that loop`
  );
}
