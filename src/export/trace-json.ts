import {
  GIL_MODES,
  POLICIES,
  SPAN_STATES,
  UsageError,
  type EmulatorParams,
  type Instant,
  type Lane,
  type Run,
  type RunSource,
  type Span,
  type TaskMetrics,
  type Trace,
} from '../engine/index.js';

/** The shape of a trace document (`--json`, `.json` exports): raised when a field changes meaning or goes away. */
export const TRACE_SCHEMA_VERSION = 1;

/** A trace as a JSON document: the trace's fields after `schemaVersion`, so readers can tell a shape they do not know. */
export function traceDocument(trace: Trace): { schemaVersion: number } & Trace {
  return { schemaVersion: TRACE_SCHEMA_VERSION, ...trace };
}

/**
 * Serialises a trace as pretty JSON (two spaces, trailing newline), the format `traceFromJson` reads.
 * Optional fields that are `undefined` (e.g. a span's `core`) are left out, as JSON has no undefined.
 */
export function traceToJson(trace: Trace): string {
  return `${JSON.stringify(traceDocument(trace), null, 2)}\n`;
}

/**
 * Parses and validates a trace written by `traceToJson` (or `emulate --json`).
 * Every field is checked for its type and range, spans and instants must refer to lanes of their
 * run, and times are whole microseconds with `startUs ≤ endUs`. The result is built field by field,
 * so unknown fields are dropped and absent optional fields stay absent: for any trace `t`,
 * `traceFromJson(traceToJson(t))` deep-equals `JSON.parse(traceToJson(t))`.
 * @param source names the input (a file name) in error messages.
 * @throws UsageError naming `source` and the first bad field, e.g. `t.json: runs[0].spans[3].state …`.
 */
export function traceFromJson(text: string, source: string): Trace {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message carries the position, which is what the user needs to fix the file.
    throw new UsageError(`${source}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return new Reader(source).trace(value);
}

/** A JSON object under validation, with its path for error messages. */
interface Obj {
  fields: Record<string, unknown>;
  path: string;
}

/** Reads each part of the trace; `fail` throws at the first problem with the field's path. */
class Reader {
  constructor(private readonly source: string) {}

  trace(value: unknown): Trace {
    const o = this.object(value, '');
    // Absent in documents written before it existed; those have version 1's shape.
    const version = o.fields.schemaVersion;
    if (version !== undefined && version !== TRACE_SCHEMA_VERSION) {
      this.fail('schemaVersion', `is ${show(version)}; this concur-tui reads version ${TRACE_SCHEMA_VERSION}`);
    }
    const workload = this.string(o, 'workload');
    const emulator = o.fields.emulator === undefined ? undefined : this.params(this.object(o.fields.emulator, 'emulator'));
    const runs = this.array(o, 'runs').map((run, i) => this.run(this.object(run, `runs[${i}]`)));
    const notes = this.array(o, 'notes').map((note, i) => this.stringValue(note, `notes[${i}]`));
    // Key order as traceToJson writes it, so a re-export is byte-identical.
    return emulator === undefined ? { workload, runs, notes } : { workload, emulator, runs, notes };
  }

  private params(o: Obj): EmulatorParams {
    return {
      cores: this.int(o, 'cores', 1),
      quantumUs: this.int(o, 'quantumUs'),
      switchCostUs: this.int(o, 'switchCostUs'),
      policy: this.oneOf(o, 'policy', POLICIES),
      gil: this.oneOf(o, 'gil', GIL_MODES),
      switchIntervalUs: this.int(o, 'switchIntervalUs'),
      checkInterval: this.int(o, 'checkInterval'),
      cpuScalePermille: this.int(o, 'cpuScalePermille'),
      spawnCostUs: this.int(o, 'spawnCostUs'),
      workers: this.int(o, 'workers'),
      seed: this.int(o, 'seed', Number.MIN_SAFE_INTEGER),
    };
  }

  private run(o: Obj): Run {
    const source = this.oneOf<RunSource>(o, 'source', ['emulated', 'real']);
    const strategy = this.string(o, 'strategy');
    const elapsedUs = this.int(o, 'elapsedUs');
    const cpuUtilization = this.number(o, 'cpuUtilization');
    const contextSwitches = this.int(o, 'contextSwitches');
    const gilHandoffs = this.int(o, 'gilHandoffs');
    const speedupVsSequential = o.fields.speedupVsSequential === null ? null : this.number(o, 'speedupVsSequential');
    const cores = this.int(o, 'cores', 1);
    const tasks = this.array(o, 'tasks').map((task, i) => this.task(this.object(task, `${o.path}.tasks[${i}]`)));
    const lanes = this.array(o, 'lanes').map((lane, i) => this.lane(this.object(lane, `${o.path}.lanes[${i}]`), i));
    const spans = this.array(o, 'spans').map((span, i) => this.span(this.object(span, `${o.path}.spans[${i}]`), lanes.length));
    const instants = this.array(o, 'instants').map((at, i) => this.instant(this.object(at, `${o.path}.instants[${i}]`), lanes.length));
    const run = { source, strategy, elapsedUs, cpuUtilization, contextSwitches, gilHandoffs, speedupVsSequential, cores };
    return { ...run, tasks, lanes, spans, instants };
  }

  private task(o: Obj): TaskMetrics {
    const task: TaskMetrics = {
      name: this.string(o, 'name'),
      arrivalUs: this.int(o, 'arrivalUs'),
      responseUs: this.int(o, 'responseUs'),
      turnaroundUs: this.int(o, 'turnaroundUs'),
      waitUs: this.int(o, 'waitUs'),
      cpuUs: this.int(o, 'cpuUs'),
      finishUs: this.int(o, 'finishUs'),
    };
    if (o.fields.error !== undefined) task.error = this.string(o, 'error');
    return task;
  }

  private lane(o: Obj, index: number): Lane {
    // Spans and metrics index lanes by position, so an id that is not the position is corrupt.
    const id = this.int(o, 'id');
    if (id !== index) this.fail(`${o.path}.id`, `must be ${index}, its position in lanes (got ${id})`);
    return { id, name: this.string(o, 'name'), group: this.string(o, 'group'), arrivalUs: this.int(o, 'arrivalUs') };
  }

  private span(o: Obj, laneCount: number): Span {
    const lane = this.laneRef(o, laneCount, 0);
    const state = this.oneOf(o, 'state', SPAN_STATES);
    const startUs = this.int(o, 'startUs');
    const endUs = this.int(o, 'endUs');
    if (endUs < startUs) this.fail(`${o.path}.endUs`, `must not be before startUs ${startUs} (got ${endUs})`);
    const span: Span = { lane, state, startUs, endUs };
    if (o.fields.core !== undefined) span.core = this.int(o, 'core');
    return span;
  }

  private instant(o: Obj, laneCount: number): Instant {
    const kind = this.oneOf(o, 'kind', ['gil-handoff'] as const);
    // -1 is the documented "no task" holder (an idle pool thread).
    return { kind, atUs: this.int(o, 'atUs'), lane: this.laneRef(o, laneCount, -1) };
  }

  private laneRef(o: Obj, laneCount: number, min: number): number {
    const lane = this.int(o, 'lane', min);
    if (lane >= laneCount) this.fail(`${o.path}.lane`, `refers to lane ${lane}, but the run has ${laneCount} lanes`);
    return lane;
  }

  private object(value: unknown, path: string): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path || 'the top level', `must be an object (got ${show(value)})`);
    return { fields: value as Record<string, unknown>, path };
  }

  private array(o: Obj, key: string): unknown[] {
    const value = o.fields[key];
    if (!Array.isArray(value)) this.fail(at(o, key), `must be an array (got ${show(value)})`);
    return value;
  }

  private string(o: Obj, key: string): string {
    return this.stringValue(o.fields[key], at(o, key));
  }

  private stringValue(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `must be a string (got ${show(value)})`);
    return value;
  }

  /** A finite number ≥ 0: ratios such as CPU utilisation and speed-up. */
  private number(o: Obj, key: string): number {
    const value = o.fields[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(at(o, key), `must be a number ≥ 0 (got ${show(value)})`);
    return value;
  }

  /** A safe integer ≥ `min`: times in µs, counts and indices. */
  private int(o: Obj, key: string, min = 0): number {
    const value = o.fields[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      const range = min === Number.MIN_SAFE_INTEGER ? '' : ` ≥ ${min}`;
      this.fail(at(o, key), `must be an integer${range} (got ${show(value)})`);
    }
    return value;
  }

  private oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[]): T {
    const value = o.fields[key];
    if (!allowed.includes(value as T)) this.fail(at(o, key), `must be one of ${allowed.join(', ')} (got ${show(value)})`);
    return value as T;
  }

  private fail(path: string, problem: string): never {
    throw new UsageError(`${this.source}: ${path} ${problem}`);
  }
}

function at(o: Obj, key: string): string {
  return o.path === '' ? key : `${o.path}.${key}`;
}

/** A short, one-line rendering of a bad value for the error message. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
