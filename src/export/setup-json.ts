import type { PythonSetup, RealSetup, RunRepeats } from '../engine/index.js';
import type { Obj, Reader } from './trace-json.js';

/** The setup records of real runs in the trace JSON (Node's and a real Python's), and what follows their timeline. */

/** A real run's setup (real-setup.ts), its optional fields kept only when present. */
export function readRealSetup(r: Reader, o: Obj): RealSetup {
  const setup: RealSetup = {
    runtime: r.oneOf(o, 'runtime', ['node'] as const),
    coresGranted: r.int(o, 'coresGranted', 1),
    coresAsked: o.fields.coresAsked === null ? null : r.int(o, 'coresAsked', 1),
    gil: r.oneOf(o, 'gil', ['none', 'new'] as const),
    gilLock: r.boolean(o, 'gilLock'),
  };
  for (const key of ['switchIntervalUs', 'threads', 'procs', 'twinWorkers', 'timeoutUs'] as const) {
    if (o.fields[key] !== undefined) setup[key] = r.int(o, key, 1);
  }
  return setup;
}

/** A real Python run's setup (python-setup.ts), its optional fields kept only when present. */
export function readPythonSetup(r: Reader, o: Obj): PythonSetup {
  const setup: PythonSetup = {
    runtime: r.oneOf(o, 'runtime', ['python'] as const),
    interpreter: r.string(o, 'interpreter'),
    path: r.string(o, 'path'),
    gil: r.boolean(o, 'gil'),
    coresGranted: r.int(o, 'coresGranted', 1),
    coresAsked: o.fields.coresAsked === null ? null : r.int(o, 'coresAsked', 1),
  };
  for (const key of ['switchIntervalUs', 'checkInterval', 'workers', 'timeoutUs'] as const) {
    if (o.fields[key] !== undefined) setup[key] = r.int(o, key, 1);
  }
  return setup;
}

/** A real run's samples under `--repeat` (trace.ts RunRepeats), when it has them. */
export function readRepeats(r: Reader, run: Obj): { repeats?: RunRepeats } {
  if (run.fields.repeats === undefined) return {};
  const o = r.object(run.fields.repeats, `${run.path}.repeats`);
  // Each item is read as a field named `key[i]`, so a bad one is named as the file has it.
  const list = (key: string) => r.array(o, key).map((value, i) => r.int({ fields: { [`${key}[${i}]`]: value }, path: o.path }, `${key}[${i}]`));
  return {
    repeats: { samplesUs: list('samplesUs'), startsUs: list('startsUs'), medianUs: r.int(o, 'medianUs'), minUs: r.int(o, 'minUs'), maxUs: r.int(o, 'maxUs') },
  };
}

/** What a real run carries after its timeline, in the order a session adds it; each only when present. */
export interface RealVerdicts {
  crowdedUs?: number;
  stealUs?: number;
  inProgress?: true;
  repeats?: RunRepeats;
  disturbed?: boolean;
  disturbedReason?: string | null;
}

/** A real run's crowding, steal, progress, samples and disturbance (disturbance.ts), each kept only when present. */
export function readRealVerdicts(r: Reader, o: Obj): RealVerdicts {
  const verdicts: RealVerdicts = {};
  if (o.fields.crowdedUs !== undefined) verdicts.crowdedUs = r.int(o, 'crowdedUs');
  if (o.fields.stealUs !== undefined) verdicts.stealUs = r.int(o, 'stealUs');
  // Only a run still going carries the field, and then it is true.
  if (o.fields.inProgress !== undefined && r.boolean(o, 'inProgress')) verdicts.inProgress = true;
  Object.assign(verdicts, readRepeats(r, o));
  if (o.fields.disturbed !== undefined) verdicts.disturbed = r.boolean(o, 'disturbed');
  if (o.fields.disturbedReason !== undefined) verdicts.disturbedReason = o.fields.disturbedReason === null ? null : r.string(o, 'disturbedReason');
  return verdicts;
}
