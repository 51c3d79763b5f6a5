import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, EMULATED_STRATEGIES, emulate, fromWire, toWire, type Run } from '../../src/engine/index.js';
import { emulateRun } from '../../src/engine/emulator/emulate.js';
import { metricsFromColumns, metricsFromSpans } from '../../src/engine/metrics.js';
import { instantColumnsOf, spanColumnsOf } from '../../src/engine/span-columns.js';
import { withSpeedups } from '../../src/engine/trace.js';
import { arbitraryParams, arbitraryTasks } from './emulator/arbitraries.js';

const TASKS = [
  { name: 'A', arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 30_000 }] },
  {
    name: 'B',
    arrivalUs: 0,
    phases: [
      { kind: 'cpu' as const, us: 20_000 },
      { kind: 'io' as const, us: 5_000 },
      { kind: 'cpu' as const, us: 1_000 },
    ],
  },
];

/** The run as a plain object, its spans read (what the emulator gave before columns). */
function plain(run: Run): Run {
  return JSON.parse(JSON.stringify(run)) as Run;
}

describe('span columns behind an emulated run', () => {
  it('keeps spans and instants in columns until they are read, then builds both once', () => {
    const { run } = emulateRun(TASKS, 'threads', DEFAULT_PARAMS);
    expect(spanColumnsOf(run)?.length).toBeGreaterThan(5);
    expect(instantColumnsOf(run)?.length).toBe(run.gilHandoffs);
    const spans = run.spans;
    expect(spanColumnsOf(run)).toBeUndefined();
    expect(instantColumnsOf(run)).toBeUndefined();
    expect(run.spans).toBe(spans);
    expect(run.instants).toHaveLength(run.gilHandoffs);
  });

  it('reads as the same spans and JSON, key for key, whichever way it is copied', () => {
    const fresh = () => emulateRun(TASKS, 'threads', DEFAULT_PARAMS).run;
    const json = JSON.stringify(fresh());
    expect(JSON.stringify({ ...fresh() })).toBe(json);
    expect(JSON.stringify(fromWire(toWire(fresh())))).toBe(json);
    expect(JSON.stringify(structuredClone(fresh()))).toBe(json);
    expect(Object.keys(fresh())).toEqual(Object.keys(JSON.parse(json) as object));
    const read = fresh();
    expect(read.spans.at(-1)).toEqual({ lane: 1, state: 'done', startUs: read.elapsedUs, endUs: read.elapsedUs, core: undefined });
  });

  it('stays in columns through speed-ups and the wire; an assigned array replaces it', () => {
    const trace = emulate({ workload: 't', tasks: TASKS, notes: [] }, ['sequential', 'threads'], DEFAULT_PARAMS);
    expect(trace.runs.every((run) => spanColumnsOf(run) !== undefined)).toBe(true);
    expect(trace.runs[1]!.speedupVsSequential).toBe(trace.runs[0]!.elapsedUs / trace.runs[1]!.elapsedUs);
    const again = withSpeedups(trace.runs);
    expect(spanColumnsOf(again[0]!)).toBeDefined();
    const overWire = fromWire(toWire(again[1]!));
    expect(spanColumnsOf(overWire)).toBeDefined();
    expect(plain(overWire)).toEqual(plain(trace.runs[1]!));
    const run = again[0]!;
    run.spans = [];
    expect(run.spans).toEqual([]);
    expect(run.instants).toEqual([]);
  });

  it('metrics by a scan of the columns equal metrics from span objects', () => {
    fc.assert(
      fc.property(arbitraryTasks, arbitraryParams, fc.constantFrom(...EMULATED_STRATEGIES), (tasks, params, strategy) => {
        const { run } = emulateRun(tasks, strategy, params);
        const byColumns = metricsFromColumns(run.lanes, spanColumnsOf(run)!);
        expect(byColumns).toEqual(metricsFromSpans(run.lanes, run.spans));
        expect(byColumns.tasks).toEqual(run.tasks);
      }),
      { numRuns: 150, seed: 20261201 },
    );
  });
});
