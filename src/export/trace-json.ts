import {
  EMULATED_STRATEGIES,
  GIL_MODES,
  POLICIES,
  REAL_STRATEGY_NAMES,
  realStrategyNamed,
  type RealStrategy,
  SPAN_STATES,
  UsageError,
  emulatedSetup,
  quoteName,
  type EmulatedSetup,
  type EmulatorParams,
  type Instant,
  type Lane,
  type Run,
  type RunSource,
  type Span,
  type TaskMetrics,
  type Trace,
} from '../engine/index.js';
import { readPythonSetup, readRealSetup, readRealVerdicts } from './setup-json.js';
import { withWindow } from './window-json.js';

/**
 * The shape of the trace JSON. 2: every run carries its `setup` record. 1 (no `schemaVersion`
 * field): runs without one; still read, emulated runs taking theirs from the trace's `emulator`.
 */
export const TRACE_SCHEMA_VERSION = 2;

/** The trace as its JSON document: the schema version first, then the trace's own fields. */
export function traceJsonValue(trace: Trace): { schemaVersion: number } & Trace {
  return { schemaVersion: TRACE_SCHEMA_VERSION, ...trace };
}

/**
 * Serialises a trace as pretty JSON (two spaces, trailing newline), the format `traceFromJson` reads.
 * Optional fields that are `undefined` (e.g. a span's `core`) are left out, as JSON has no undefined.
 */
export function traceToJson(trace: Trace): string {
  return `${JSON.stringify(traceJsonValue(trace), null, 2)}\n`;
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
    throw new UsageError(`${quoteName(source)}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return new Reader(source).trace(value);
}

/** A JSON object being read, with where it is in the file (for messages). */
export interface Obj {
  fields: Record<string, unknown>;
  path: string;
}

/** Reads each part of the trace; `fail` throws at the first problem with the field's path. */
export class Reader {
  constructor(private readonly source: string) {}

  trace(value: unknown): Trace {
    const o = this.object(value, '');
    const version = o.fields.schemaVersion === undefined ? 1 : this.oneOf(o, 'schemaVersion', [1, TRACE_SCHEMA_VERSION]);
    const workload = this.string(o, 'workload');
    const emulator = o.fields.emulator === undefined ? undefined : this.params(this.object(o.fields.emulator, 'emulator'));
    const runs = this.array(o, 'runs').map((run, i) => this.run(this.object(run, `runs[${i}]`), version === 1 ? { emulator } : null));
    const notes = this.array(o, 'notes').map((note, i) => this.stringValue(note, `notes[${i}]`));
    // Key order as traceToJson writes it, so a re-export is byte-identical.
    return withWindow(emulator === undefined ? { workload, runs, notes } : { workload, emulator, runs, notes }, this, o);
  }

  private params(o: Obj): EmulatorParams {
    const params: Record<string, unknown> = {};
    for (const key of PARAM_KEYS) params[key] = readParam(this, o, key);
    return params as unknown as EmulatorParams;
  }

  /** An emulated run's setup: `runtime` and any of the emulator's parameters, in the file's order. */
  private emulatedSetup(o: Obj): EmulatedSetup {
    const setup: Record<string, unknown> = { runtime: this.oneOf(o, 'runtime', ['emulator'] as const) };
    for (const key of Object.keys(o.fields)) if (isParamKey(key)) setup[key] = readParam(this, o, key);
    return setup as EmulatedSetup;
  }

  /**
   * `legacy`: the trace is of schema version 1, whose runs carry no setup: an emulated run's is
   * rebuilt from the trace's emulator parameters; a real run's cannot be, and is refused.
   */
  private run(o: Obj, legacy: { emulator: EmulatorParams | undefined } | null): Run {
    const source = this.oneOf<RunSource>(o, 'source', ['emulated', 'real']);
    if (source === 'emulated') {
      const strategy = this.oneOf(o, 'strategy', EMULATED_STRATEGIES);
      const figures = this.figures(o);
      const setup = this.setupOf(
        o,
        legacy,
        (fields) => this.emulatedSetup(fields),
        () => {
          if (legacy?.emulator === undefined) this.fail(at(o, 'setup'), 'is missing, and this version 1 trace has no emulator parameters to rebuild it from');
          return emulatedSetup(strategy, legacy.emulator);
        },
      );
      return { source, strategy, ...figures, setup, ...this.timeline(o) };
    }
    // A Python run is the very program an emulated strategy models, and carries its names.
    if (legacy === null && this.object(o.fields.setup, at(o, 'setup')).fields.runtime === 'python') {
      const strategy = this.oneOf(o, 'strategy', EMULATED_STRATEGIES);
      const figures = this.figures(o);
      const setup = readPythonSetup(this, this.object(o.fields.setup, at(o, 'setup')));
      return { source, strategy, ...figures, setup, ...this.timeline(o), ...readRealVerdicts(this, o) };
    }
    const strategy = realStrategyNamed(this.oneOf(o, 'strategy', REAL_STRATEGY_NAMES)) as RealStrategy;
    const figures = this.figures(o);
    const setup = this.setupOf(
      o,
      legacy,
      (fields) => readRealSetup(this, fields),
      () => this.fail(at(o, 'setup'), 'is missing: this version 1 trace does not say what its real runs were made with; export the run again'),
    );
    return { source, strategy, ...figures, setup, ...this.timeline(o), ...readRealVerdicts(this, o) };
  }

  /** A run's own figures, in the order traceToJson writes them. */
  private figures(o: Obj) {
    return {
      elapsedUs: this.int(o, 'elapsedUs'),
      cpuUtilization: this.number(o, 'cpuUtilization'),
      contextSwitches: this.int(o, 'contextSwitches'),
      gilHandoffs: this.int(o, 'gilHandoffs'),
      speedupVsSequential: o.fields.speedupVsSequential === null ? null : this.number(o, 'speedupVsSequential'),
      cores: this.int(o, 'cores', 1),
    };
  }

  /** The run's setup as the file has it, or (version 1, which has none) as `legacySetup` makes it. */
  private setupOf<S>(o: Obj, legacy: object | null, read: (fields: Obj) => S, legacySetup: () => S): S {
    return legacy === null ? read(this.object(o.fields.setup, at(o, 'setup'))) : legacySetup();
  }

  private timeline(o: Obj) {
    const tasks = this.array(o, 'tasks').map((task, i) => this.task(this.object(task, `${o.path}.tasks[${i}]`)));
    const lanes = this.array(o, 'lanes').map((lane, i) => this.lane(this.object(lane, `${o.path}.lanes[${i}]`), i));
    const spans = this.array(o, 'spans').map((span, i) => this.span(this.object(span, `${o.path}.spans[${i}]`), lanes.length));
    const instants = this.array(o, 'instants').map((at, i) => this.instant(this.object(at, `${o.path}.instants[${i}]`), lanes.length));
    return { tasks, lanes, spans, instants };
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

  object(value: unknown, path: string): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path || 'the top level', `must be an object (got ${show(value)})`);
    return { fields: value as Record<string, unknown>, path };
  }

  array(o: Obj, key: string): unknown[] {
    const value = o.fields[key];
    if (!Array.isArray(value)) this.fail(at(o, key), `must be an array (got ${show(value)})`);
    return value;
  }

  string(o: Obj, key: string): string {
    return this.stringValue(o.fields[key], at(o, key));
  }

  private stringValue(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `must be a string (got ${show(value)})`);
    return value;
  }

  boolean(o: Obj, key: string): boolean {
    const value = o.fields[key];
    if (typeof value !== 'boolean') this.fail(at(o, key), `must be true or false (got ${show(value)})`);
    return value;
  }

  /** A finite number ≥ 0: ratios such as CPU utilisation and speed-up. */
  number(o: Obj, key: string): number {
    const value = o.fields[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(at(o, key), `must be a number ≥ 0 (got ${show(value)})`);
    return value;
  }

  /** A safe integer ≥ `min`: times in µs, counts and indices. */
  int(o: Obj, key: string, min = 0): number {
    const value = o.fields[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      const range = min === Number.MIN_SAFE_INTEGER ? '' : ` ≥ ${min}`;
      this.fail(at(o, key), `must be an integer${range} (got ${show(value)})`);
    }
    return value;
  }

  oneOf<T extends string | number>(o: Obj, key: string, allowed: readonly T[]): T {
    const value = o.fields[key];
    if (!allowed.includes(value as T)) this.fail(at(o, key), `must be one of ${allowed.join(', ')} (got ${show(value)})`);
    return value as T;
  }

  private fail(path: string, problem: string): never {
    throw new UsageError(`${quoteName(this.source)}: ${path} ${problem}`);
  }
}

type ParamKey = keyof EmulatorParams;

/** How each emulator parameter is checked; the key order is the emulator block's in the file. */
const PARAM_READERS: { [K in ParamKey]: (reader: Reader, o: Obj, key: K) => EmulatorParams[K] } = {
  cores: (r, o, key) => r.int(o, key, 1),
  quantumUs: (r, o, key) => r.int(o, key),
  switchCostUs: (r, o, key) => r.int(o, key),
  policy: (r, o, key) => r.oneOf(o, key, POLICIES),
  gil: (r, o, key) => r.oneOf(o, key, GIL_MODES),
  switchIntervalUs: (r, o, key) => r.int(o, key),
  checkInterval: (r, o, key) => r.int(o, key),
  cpuScalePermille: (r, o, key) => r.int(o, key),
  spawnCostUs: (r, o, key) => r.int(o, key),
  // Traces written before these were parameters have none: threads started free, subinterpreters in 10 ms.
  threadSpawnCostUs: (r, o, key) => (o.fields[key] === undefined ? 0 : r.int(o, key)),
  interpreterSpawnCostUs: (r, o, key) => (o.fields[key] === undefined ? 10_000 : r.int(o, key)),
  workers: (r, o, key) => r.int(o, key),
  seed: (r, o, key) => r.int(o, key, Number.MIN_SAFE_INTEGER),
};

const PARAM_KEYS = Object.keys(PARAM_READERS) as ParamKey[];

/** One parameter, checked by its own rule (the table's per-key types meet here). */
function readParam(reader: Reader, o: Obj, key: ParamKey): EmulatorParams[ParamKey] {
  return (PARAM_READERS[key] as (reader: Reader, o: Obj, key: ParamKey) => EmulatorParams[ParamKey])(reader, o, key);
}

function isParamKey(key: string): key is ParamKey {
  return Object.hasOwn(PARAM_READERS, key);
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
