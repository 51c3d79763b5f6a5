import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emulate, type Trace } from '../../src/engine/index.js';
import { traceFromJson, traceToJson } from '../../src/export/trace-json.js';
import { convoyTrace, usageError } from './fixtures.js';
import { arbitraryParams, arbitraryStrategies, arbitraryTasks } from '../engine/emulator/arbitraries.js';


/** What JSON can carry: undefined-valued fields (a span's `core: undefined`) are absent. */
function normalised(trace: Trace): unknown {
  return JSON.parse(JSON.stringify(trace));
}

type Path = readonly (string | number)[];

/** The convoy trace as text, with the value at each path replaced (undefined deletes it). */
function corrupt(...edits: [Path, unknown][]): string {
  const trace = normalised(convoyTrace());
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

  it('writes pretty JSON with two spaces and a trailing newline', () => {
    const text = traceToJson(convoyTrace());
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "workload": "convoy",\n')).toBe(true);
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
