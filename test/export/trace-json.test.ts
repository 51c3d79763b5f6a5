import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emulate, type RealRun, type Run, type Trace } from '../../src/engine/index.js';
import { traceFromJson, traceJsonValue, traceToJson } from '../../src/export/trace-json.js';
import { convoyTrace, usageError } from './fixtures.js';
import { arbitraryParams, arbitraryStrategies, arbitraryTasks } from '../engine/emulator/arbitraries.js';

/** What JSON can carry: undefined-valued fields (a span's `core: undefined`) are absent. */
function normalised(trace: Trace): unknown {
  return JSON.parse(JSON.stringify(trace));
}

type Path = readonly (string | number)[];

/** The convoy trace as text, with the value at each path replaced (undefined deletes it). */
function corrupt(...edits: [Path, unknown][]): string {
  const trace: unknown = JSON.parse(traceToJson(convoyTrace()));
  for (const [path, value] of edits) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], trace);
    const fields = parent as Record<string | number, unknown>;
    if (value === undefined) delete fields[path.at(-1)!];
    else fields[path.at(-1)!] = value;
  }
  return JSON.stringify(trace);
}

describe('traceToJson / traceFromJson', () => {
  it('round-trips any emulated trace: equal to the trace, and strictly equal to its JSON form', () => {
    fc.assert(
      fc.property(arbitraryTasks, arbitraryParams, arbitraryStrategies, fc.array(fc.string(), { maxLength: 2 }), (list, p, s, notes) => {
        const trace = emulate({ workload: 'random', tasks: list, notes }, s, p);
        const back = traceFromJson(traceToJson(trace), 'prop.json');
        // toEqual treats `core: undefined` as absent; toStrictEqual pins that nothing else changed.
        expect(back).toEqual(trace);
        expect(back).toStrictEqual(normalised(trace));
        expect(traceToJson(back)).toBe(traceToJson(trace));
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });

  it('writes pretty JSON with two spaces and a trailing newline, its schema version first', () => {
    const text = traceToJson(convoyTrace());
    expect(text.startsWith('{\n  "schemaVersion": 2,\n  "workload": "convoy",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps optional fields: a trace without emulator params and a task with an error', () => {
    const trace = convoyTrace();
    delete trace.emulator;
    trace.runs[0]!.tasks[0]!.error = 'boom';
    trace.runs[0]!.speedupVsSequential = null;
    const back = traceFromJson(traceToJson(trace), 'x.json');
    expect(back).toEqual(trace);
    expect('emulator' in back).toBe(false);
  });

  it('keeps the window of an export of a zoomed dashboard, and refuses an empty one', () => {
    const trace = { ...convoyTrace(), window: { startUs: 1_000, endUs: 31_000 } };
    const back = traceFromJson(traceToJson(trace), 'w.json');
    expect(back.window).toEqual({ startUs: 1_000, endUs: 31_000 });
    expect(traceToJson(back)).toBe(traceToJson(trace));
    const empty = JSON.stringify({ ...JSON.parse(traceToJson(trace)), window: { startUs: 5, endUs: 5 } });
    expect(() => traceFromJson(empty, 'w.json')).toThrow('window.endUs must be an integer ≥ 6 (got 5)');
  });

  it('carries a real run’s verdicts: CPU taken by other programs, steal seen, still in progress, disturbed and why', () => {
    const trace = convoyTrace();
    const real: RealRun = {
      ...trace.runs[1]!,
      source: 'real',
      strategy: 'threads',
      setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
      crowdedUs: 12_000,
      stealUs: 30_000,
      disturbed: true,
      disturbedReason: 'CPU steal 30ms during the run (2% of its core time)',
    };
    // As a session makes them: steal or progress after the timeline, then the verdict.
    const { crowdedUs: _crowded, stealUs: _steal, disturbed: _disturbed, disturbedReason: _reason, ...made } = real;
    const live: RealRun = { ...made, inProgress: true, disturbed: false, disturbedReason: null };
    const mixed: Trace = { ...trace, runs: [real, live] };
    const text = traceToJson(mixed);
    expect(JSON.parse(text).runs[0]).toMatchObject({
      disturbed: true,
      disturbedReason: 'CPU steal 30ms during the run (2% of its core time)',
      crowdedUs: 12_000,
      stealUs: 30_000,
    });
    const back = traceFromJson(text, 'verdicts.json');
    expect(back).toStrictEqual(normalised(mixed));
    expect(traceToJson(back)).toBe(text);
    expect(usageError(() => traceFromJson(text.replace('"disturbed": true', '"disturbed": "yes"'), 'v.json'))).toBe(
      'v.json: runs[0].disturbed must be true or false (got "yes")',
    );
    expect(usageError(() => traceFromJson(text.replace('"crowdedUs": 12000', '"crowdedUs": -1'), 'v.json'))).toMatch(/^v\.json: runs\[0\]\.crowdedUs must be/);
  });

  it("carries each run's setup record: an emulated run's parameters, a real run's cores, lock and executors", () => {
    const trace = convoyTrace();
    const real: Run = {
      ...trace.runs[1]!,
      source: 'real',
      strategy: 'threads',
      setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'new', gilLock: true, switchIntervalUs: 5_000, threads: 2, timeoutUs: 1_000_000 },
    };
    const mixed: Trace = { ...trace, runs: [...trace.runs, real] };
    const back = traceFromJson(traceToJson(mixed), 'mixed.json');
    expect(back).toEqual(mixed);
    expect(traceToJson(back)).toBe(traceToJson(mixed));
    expect(back.runs[1]!.setup).toEqual({
      runtime: 'emulator',
      cores: 2,
      quantumUs: 4_000,
      switchCostUs: 50,
      policy: 'rr',
      gil: 'new',
      cpuScalePermille: 1_000,
      switchIntervalUs: 5_000,
      threadSpawnCostUs: 0,
    });
  });

  it('reads real runs saved under the old strategy names as their new ones (worker → thread-pool, process → process-pool)', () => {
    const trace = convoyTrace();
    const setup = { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false, threads: 2 };
    const old = {
      ...traceJsonValue(trace),
      runs: [
        { ...trace.runs[1]!, source: 'real', strategy: 'worker', setup },
        { ...trace.runs[1]!, source: 'real', strategy: 'process', setup },
      ],
    };
    const back = traceFromJson(JSON.stringify(old), 'old-names.json');
    expect(back.runs.map((run) => run.strategy)).toEqual(['thread-pool', 'process-pool']);
    expect(usageError(() => traceFromJson(JSON.stringify({ ...old, runs: [{ ...old.runs[0], strategy: 'fibre' }] }), 'x.json'))).toMatch(/strategy/);
  });

  it("keeps a repeated real run's samples (--repeat) and names a bad one", () => {
    const trace = convoyTrace();
    const repeats = { samplesUs: [120, 100, 110], startsUs: [0, 500, 1_000], medianUs: 110, minUs: 100, maxUs: 120 };
    const real: Run = {
      ...trace.runs[1]!,
      source: 'real',
      strategy: 'thread-pool',
      setup: { runtime: 'node', coresGranted: 1, coresAsked: 1, gil: 'none', gilLock: false, threads: 2 },
      repeats,
    };
    const mixed: Trace = { ...trace, runs: [...trace.runs, real] };
    const back = traceFromJson(traceToJson(mixed), 'r.json');
    expect(back).toEqual(mixed);
    expect(traceToJson(back)).toBe(traceToJson(mixed));
    const bad = JSON.parse(traceToJson(mixed));
    const last = mixed.runs.length - 1;
    bad.runs[last].repeats.samplesUs[1] = -3;
    expect(usageError(() => traceFromJson(JSON.stringify(bad), 'r.json'))).toBe(`r.json: runs[${last}].repeats.samplesUs[1] must be an integer ≥ 0 (got -3)`);
  });

  it('reads a version 1 trace (no schemaVersion, runs without setup), rebuilding emulated setups from its parameters', () => {
    const trace = convoyTrace();
    const legacy = normalised(trace) as { schemaVersion?: number; runs: { setup?: unknown }[] };
    for (const run of legacy.runs) delete run.setup;
    expect(traceFromJson(JSON.stringify(legacy), 'old.json')).toEqual(trace);
    const realRun = { ...legacy.runs[0], source: 'real', strategy: 'threads' };
    expect(usageError(() => traceFromJson(JSON.stringify({ ...legacy, runs: [realRun] }), 'old.json'))).toMatch(
      /^old\.json: runs\[0\]\.setup is missing: this version 1 trace does not say what its real runs were made with/,
    );
  });

  it('drops unknown fields', () => {
    const back = traceFromJson(corrupt([['extra'], 1]), 'x.json');
    expect('extra' in back).toBe(false);
  });

  it.each<[string, Path, unknown, RegExp]>([
    ['a missing field', ['workload'], undefined, /^bad\.json: workload must be a string \(got nothing\)$/],
    ['runs not an array', ['runs'], {}, /runs must be an array/],
    ['a run not an object', ['runs', 1], 3, /runs\[1\] must be an object \(got 3\)/],
    ['an unknown source', ['runs', 0, 'source'], 'fake', /runs\[0\]\.source must be one of emulated, real \(got "fake"\)/],
    ['an unknown state', ['runs', 1, 'spans', 3, 'state'], 'sleeping', /runs\[1\]\.spans\[3\]\.state must be one of running, ready/],
    ['a fractional time', ['runs', 0, 'spans', 2, 'startUs'], 1.5, /runs\[0\]\.spans\[2\]\.startUs must be an integer ≥ 0 \(got 1\.5\)/],
    ['a time as a string', ['runs', 0, 'elapsedUs'], '12', /runs\[0\]\.elapsedUs must be an integer ≥ 0 \(got "12"\)/],
    ['a span ending before it starts', ['runs', 0, 'spans', 1, 'endUs'], 10, /runs\[0\]\.spans\[1\]\.endUs must not be before startUs 50 \(got 10\)/],
    ['a span of a lane that does not exist', ['runs', 2, 'spans', 0, 'lane'], 2, /runs\[2\]\.spans\[0\]\.lane refers to lane 2, but the run has 2 lanes/],
    ['an instant of a lane that does not exist', ['runs', 1, 'instants', 0, 'lane'], -2, /runs\[1\]\.instants\[0\]\.lane must be an integer ≥ -1/],
    ['a lane id out of place', ['runs', 0, 'lanes', 1, 'id'], 0, /runs\[0\]\.lanes\[1\]\.id must be 1/],
    ['a core that is not an integer', ['runs', 0, 'spans', 1, 'core'], null, /runs\[0\]\.spans\[1\]\.core must be an integer/],
    ['a bad policy', ['emulator', 'policy'], 'lottery', /emulator\.policy must be one of rr, fifo, sjf/],
    ['a negative ratio', ['runs', 0, 'cpuUtilization'], -1, /runs\[0\]\.cpuUtilization must be a number ≥ 0/],
    ['a note not a string', ['notes'], [1], /notes\[0\] must be a string/],
    ['an error not a string', ['runs', 0, 'tasks', 0, 'error'], 7, /runs\[0\]\.tasks\[0\]\.error must be a string/],
    ['an unknown schema version', ['schemaVersion'], 3, /^bad\.json: schemaVersion must be one of 1, 2 \(got 3\)$/],
    ['a strategy no source has', ['runs', 0, 'strategy'], 'fibers', /runs\[0\]\.strategy must be one of sequential, threads/],
    ['a run without its setup', ['runs', 2, 'setup'], undefined, /runs\[2\]\.setup must be an object \(got nothing\)/],
    ['a setup parameter out of range', ['runs', 1, 'setup', 'cores'], 0, /runs\[1\]\.setup\.cores must be an integer ≥ 1 \(got 0\)/],
    ['a setup of the wrong runtime', ['runs', 1, 'setup', 'runtime'], 'node', /runs\[1\]\.setup\.runtime must be one of emulator/],
  ])('rejects %s with a UsageError naming the file and the field', (_, path, value, message) => {
    const text = usageError(() => traceFromJson(corrupt([path, value]), 'bad.json'));
    expect(text).toMatch(/^bad\.json: /);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('rejects text that is not JSON, or JSON that is not an object', () => {
    expect(usageError(() => traceFromJson('{"workload": ', 'cut.json'))).toMatch(/^cut\.json: not valid JSON \(/);
    expect(usageError(() => traceFromJson('[]', 'list.json'))).toBe('list.json: the top level must be an object (got [])');
  });

  it('reports the first bad field in document order', () => {
    const text = corrupt([['runs', 0, 'spans', 5, 'state'], 'x'], [['runs', 3, 'spans', 0, 'lane'], 99]);
    expect(usageError(() => traceFromJson(text, 'f.json'))).toContain('runs[0].spans[5].state');
  });
});
