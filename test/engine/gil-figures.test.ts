import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, TUTORIAL_CALIBRATION, emulate, findScenario, scenarioTasks, type Run, type Span } from '../../src/engine/index.js';
import { holdPeriods, laneFigures, medianHoldUs, runGilFigures } from '../../src/engine/gil-figures.js';
import { withFields } from '../../src/engine/with-fields.js';
import { realRunOfTwo } from './real-run-fixture.js';

/** Two lanes by hand: A runs 0–10, B waits for the GIL 0–4, is ready 4–6, then runs 10–16 after I/O 6–10. */
function handMade(): Run {
  const spans: Span[] = [
    { lane: 0, state: 'running', startUs: 0, endUs: 10, core: 0 },
    { lane: 0, state: 'done', startUs: 10, endUs: 10 },
    { lane: 1, state: 'gil-wait', startUs: 0, endUs: 4 },
    { lane: 1, state: 'ready', startUs: 4, endUs: 6 },
    { lane: 1, state: 'io', startUs: 6, endUs: 8 },
    { lane: 1, state: 'gil-wait', startUs: 8, endUs: 10 },
    { lane: 1, state: 'running', startUs: 10, endUs: 16, core: 1 },
    { lane: 1, state: 'done', startUs: 16, endUs: 16 },
  ];
  const base = realRunOfTwo('threads', 16);
  return {
    ...base,
    gilHandoffs: 3,
    spans,
    instants: [
      { kind: 'gil-handoff', atUs: 2, lane: 1 },
      { kind: 'gil-handoff', atUs: 3, lane: 0 },
      { kind: 'gil-handoff', atUs: 10, lane: 1 },
    ],
  };
}

const emulations = new Map<string, Run>();

/** The scenario's run of one strategy, emulated once per test file (count's takes half a second). */
function emulated(scenario: string, strategy: 'threads' | 'processes' = 'threads'): Run {
  const key = `${scenario} ${strategy}`;
  const cached = emulations.get(key);
  if (cached) return cached;
  const found = findScenario(scenario)!;
  const run = emulate({ workload: scenario, tasks: scenarioTasks(found, TUTORIAL_CALIBRATION), notes: [] }, [strategy], { ...DEFAULT_PARAMS, ...found.machine })
    .runs[0]!;
  emulations.set(key, run);
  return run;
}

/** gil-wait ÷ (running + gil-wait) over the spans, written out again without the module. */
function contentionFromSpans(run: Run, lane?: number): number {
  const sum = (state: string) =>
    run.spans
      .filter((span) => span.state === state && (lane === undefined || span.lane === lane))
      .reduce((total, span) => total + span.endUs - span.startUs, 0);
  return sum('gil-wait') / (sum('running') + sum('gil-wait'));
}

describe('lane figures', () => {
  it('split the wait by state, take the longest uninterrupted wait, and count the GIL taken', () => {
    const [a, b] = laneFigures(handMade());
    expect(b).toMatchObject({ readyUs: 2, gilWaitUs: 6, ioUs: 2, longestWaitUs: 6, gilTakes: 2, contention: 6 / 12 });
    expect(a).toMatchObject({ readyUs: 0, gilWaitUs: 0, ioUs: 0, longestWaitUs: 0, gilTakes: 1, contention: 0, medianHoldUs: 7, longestHoldUs: 7 });
    // B's only completed hold is the first (2–3); its last stretch (from 10) never ends in a hand-off.
    expect(b).toMatchObject({ medianHoldUs: 1, longestHoldUs: 1 });
  });

  it("are the same read from a run's span columns as from its span and instant arrays, and from an interleaved copy", () => {
    for (const scenario of ['count', 'convoy', 'sleep', 'db', 'juggle']) {
      const { runs } = emulate(
        { workload: scenario, tasks: scenarioTasks(findScenario(scenario)!, TUTORIAL_CALIBRATION), notes: [] },
        ['threads', 'thread-pool'],
        DEFAULT_PARAMS,
      );
      for (const run of runs) {
        const fromColumns = { lanes: laneFigures(run), run: runGilFigures(run) };
        const arrays = { ...run, spans: [...run.spans], instants: [...run.instants] };
        expect({ lanes: laneFigures(arrays), run: runGilFigures(arrays) }).toEqual(fromColumns);
        // Spans of all lanes interleaved (as real sources give them): each lane's stay in time order.
        const interleaved = { ...arrays, spans: [...run.spans].sort((a, b) => a.startUs - b.startUs || a.lane - b.lane) };
        expect(laneFigures(interleaved)).toEqual(fromColumns.lanes);
      }
    }
  });

  it("quote the run's task metrics for response, turnaround and CPU time", () => {
    const run = emulated('convoy');
    const figures = laneFigures(run);
    expect(figures).toHaveLength(run.lanes.length);
    run.tasks.forEach((task, i) => {
      expect(figures[i]).toMatchObject({ responseUs: task.responseUs, turnaroundUs: task.turnaroundUs, cpuUs: task.cpuUs });
      // The split adds up to the task's wait (ready + gil-wait).
      expect(figures[i]!.readyUs + figures[i]!.gilWaitUs).toBe(task.waitUs);
    });
  });

  it('show the convoy: the I/O thread waits for the GIL about a switch interval per operation', () => {
    const [io, cpu] = laneFigures(emulated('convoy'));
    expect(io!.contention).toBeCloseTo(contentionFromSpans(emulated('convoy'), 0), 12);
    expect(io!.contention!).toBeGreaterThan(0.5);
    expect(cpu!.contention!).toBeLessThan(0.1);
    expect(io!.longestWaitUs).toBeGreaterThanOrEqual(DEFAULT_PARAMS.switchIntervalUs);
    expect(cpu!.medianHoldUs!).toBeGreaterThanOrEqual(DEFAULT_PARAMS.switchIntervalUs);
  });
});

describe('run GIL figures', () => {
  it('contention is gil-wait ÷ (running + gil-wait) from the spans', () => {
    for (const run of [emulated('count'), emulated('convoy'), handMade()]) {
      expect(runGilFigures(run).contention).toBeCloseTo(contentionFromSpans(run), 12);
    }
  });

  it('two CPU threads under the GIL: half the time waiting, a hand-off per switch interval', () => {
    const figures = runGilFigures(emulated('count'));
    expect(figures.contention!).toBeGreaterThan(0.45);
    expect(figures.contention!).toBeLessThan(0.55);
    expect(figures.medianHoldUs!).toBeGreaterThanOrEqual(5_000);
    expect(figures.medianHoldUs!).toBeLessThan(5_500);
    expect(figures.handoffsPerSecond!).toBeGreaterThan(150);
    expect(figures.handoffsPerSecond!).toBeLessThan(210);
  });

  it('processes have a GIL each: no contention and no hold period', () => {
    expect(runGilFigures(emulated('count', 'processes'))).toEqual({ contention: 0, handoffsPerSecond: 0, medianHoldUs: null, longestHoldUs: null });
  });

  it("hand-offs per second use the run's own count (the old GIL counts hand-offs it does not draw)", () => {
    const run = handMade();
    expect(runGilFigures(run).handoffsPerSecond).toBe(3 / (16 / 1e6));
    expect(runGilFigures({ ...run, gilHandoffs: 30 }).handoffsPerSecond).toBe(30 / (16 / 1e6));
  });

  it('a copy of a run with the same spans (the dashboard presents one emulation under each setup) is not measured again; other inputs are', () => {
    const run = emulated('count');
    const figures = runGilFigures(run);
    const presented = withFields(run, { setup: { ...run.setup, gil: 'old' } } as Partial<Run>);
    expect(runGilFigures(presented)).toBe(figures);
    expect(laneFigures(presented)).toBe(laneFigures(run));
    // Fewer hand-offs (instants) or other task metrics: figures of their own.
    const fewer = { ...run, instants: run.instants.slice(0, 3) };
    expect(runGilFigures(fewer)).not.toBe(figures);
    expect(runGilFigures(fewer).medianHoldUs).toBe(medianHoldUs(fewer));
    const slower = { ...run, tasks: run.tasks.map((task) => ({ ...task, responseUs: task.responseUs + 1 })) };
    expect(laneFigures(slower).map((lane) => lane.responseUs)).toEqual(laneFigures(run).map((lane) => lane.responseUs + 1));
  });

  it('the median hold is the one verify and calibrate measure, and the median of the lanes’ hold periods', () => {
    const run = emulated('count');
    const holds = holdPeriods(run).map((hold) => hold.durationUs);
    expect(runGilFigures(run).medianHoldUs).toBe(medianHoldUs(run));
    expect(holds.length).toBe(run.instants.length - 1);
    expect(runGilFigures(run).longestHoldUs).toBe(Math.max(...holds));
    expect(medianHoldUs({ instants: [] })).toBeNaN();
  });
});
