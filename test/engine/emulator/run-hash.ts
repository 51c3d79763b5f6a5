import { createHash } from 'node:crypto';
import type { Run } from '../../../src/engine/index.js';

/** Everything a run shows, field by field (not the Run object: its shape may grow). */
export function serialiseRun(run: Run): string {
  return JSON.stringify([
    run.strategy,
    run.elapsedUs,
    run.cpuUtilization,
    run.contextSwitches,
    run.gilHandoffs,
    run.cores,
    run.lanes.map((lane) => [lane.id, lane.name, lane.group, lane.arrivalUs]),
    run.tasks,
    run.spans.map((span) => [span.lane, span.state, span.startUs, span.endUs, span.core ?? -1]),
    run.instants.map((instant) => [instant.kind, instant.atUs, instant.lane]),
  ]);
}

/** The golden hash of a run: the first 32 hex digits of the SHA-256 of its serialisation. */
export function runHash(run: Run): string {
  return createHash('sha256').update(serialiseRun(run)).digest('hex').slice(0, 32);
}
