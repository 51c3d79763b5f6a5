import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HANDOFF_INSTANTS } from '../../../src/engine/real/gil-takes.js';
import { realSetup } from '../../../src/engine/real/real-setup.js';
import { RunBuilder } from '../../../src/engine/real/run-builder.js';
import { TaskThrewError } from '../../../src/engine/real/run-errors.js';
import { refineWithSchedstat } from '../../../src/engine/real/schedstat-refine.js';
import { MAX_TRANSITIONS_PER_LANE, TransitionLog } from '../../../src/engine/real/transition-log.js';
import type { Lane, Span, SpanState } from '../../../src/engine/trace.js';
import { FakeSampler } from './fake-sampler.js';

const lanes: Lane[] = [
  { id: 0, name: 'a', group: 'pool', arrivalUs: 0 },
  { id: 1, name: 'b', group: 'pool', arrivalUs: 0 },
];
const identity = {
  strategy: 'threads' as const,
  setup: realSetup({ strategy: 'threads', workers: 2, threads: 2, procs: 2, gil: 'none', switchIntervalUs: 5_000 }, 2),
  cores: 2,
};

function setup(laneCount = 2) {
  const log = new TransitionLog(laneCount);
  const sampler = new FakeSampler();
  return { log, sampler, builder: new RunBuilder(identity, log, sampler) };
}

/** The run built from scratch, by a builder that never saw the log before. */
const fresh = (log: TransitionLog, sampler: FakeSampler, nowUs: number, of = lanes) => new RunBuilder(identity, log, sampler).build(of, nowUs);

describe('RunBuilder: spans from the transition log', () => {
  it('orders reports that arrive out of order and closes the open span at "now"', () => {
    const { log, sampler } = setup();
    log.mark(0, 'ready', 0);
    log.mark(0, 'io', 300);
    log.mark(0, 'running', 100); // sent before the io report, delivered after it
    expect(fresh(log, sampler, 500).spans).toEqual([
      { lane: 0, state: 'ready', startUs: 0, endUs: 100 },
      { lane: 0, state: 'running', startUs: 100, endUs: 300 },
      { lane: 0, state: 'io', startUs: 300, endUs: 500 },
    ]);
  });

  it('draws a computing lane up to its last progress report: a stalled task stops growing', () => {
    const { log, builder } = setup();
    log.mark(0, 'running', 100);
    log.progress(0, 400);
    log.mark(1, 'io', 100); // waiting goes on until now
    expect(builder.build(lanes, 1_000).spans).toEqual([
      { lane: 0, state: 'running', startUs: 100, endUs: 400 },
      { lane: 1, state: 'io', startUs: 100, endUs: 1_000 },
    ]);
    log.finish(0, 'done', 900);
    expect(
      builder
        .build(lanes, 1_000)
        .spans.filter((s) => s.lane === 0)
        .map((s) => [s.state, s.endUs]),
    ).toEqual([
      ['running', 900],
      ['done', 900],
    ]);
  });

  it('ends a lane with a zero-length marker and ignores what is reported after it', () => {
    const { log, sampler } = setup();
    log.mark(1, 'running', 10);
    log.mark(1, 'running', 20); // a repeated state merges
    log.finish(1, 'failed', 50, new TaskThrewError('boom'));
    log.mark(1, 'io', 60);
    const run = fresh(log, sampler, 100);
    expect(run.spans).toEqual([
      { lane: 1, state: 'running', startUs: 10, endUs: 50 },
      { lane: 1, state: 'failed', startUs: 50, endUs: 50 },
    ]);
    expect(run.tasks[1]!.error).toBe('boom');
    expect(log.isFinished(1)).toBe(true);
  });

  it('counts GIL hand-offs exactly however the takes arrive, keeping the instants bounded', () => {
    const { log, builder } = setup();
    // 100,000 takes alternating between the lanes, delivered in pairs swapped (out of order).
    for (let i = 0; i < 100_000; i += 2) {
      log.gil((i + 1) % 2, (i + 1) * 10);
      log.gil(i % 2, i * 10);
      if (i % 10_000 === 0) builder.build(lanes, i * 10); // instants are kept between builds
    }
    const { gilHandoffs, instants } = builder.build(lanes, 2_000_000);
    expect(gilHandoffs).toBe(99_999);
    expect(instants.length).toBeLessThanOrEqual(MAX_HANDOFF_INSTANTS * 2);
    expect(instants.at(-1)).toEqual({ kind: 'gil-handoff', atUs: 999_990, lane: 1 });
  });

  it('counts a GIL hand-off each time the taker changes, in time order', () => {
    const { log, sampler, builder } = setup();
    for (const [lane, atUs] of [
      [0, 0],
      [1, 5_000],
      [0, 3_000],
    ] as const)
      log.gil(lane, atUs);
    builder.build(lanes, 6_000);
    for (const [lane, atUs] of [
      [0, 9_000],
      [1, 12_000],
    ] as const)
      log.gil(lane, atUs);
    const { instants, gilHandoffs } = builder.build(lanes, 20_000);
    // Takes in time order: 0@0, 0@3000, 1@5000, 0@9000, 1@12000 → three changes.
    expect(gilHandoffs).toBe(3);
    expect(instants.map((i) => [i.lane, i.atUs])).toEqual([
      [1, 5_000],
      [0, 9_000],
      [1, 12_000],
    ]);
    expect(fresh(log, sampler, 20_000).instants).toEqual(instants);
  });

  it('keeps an hour of GIL hand-offs bounded: old history coarsens, the lane stays covered', () => {
    const { log, sampler } = setup();
    const states = ['running', 'gil-wait'] as const;
    for (let i = 0; i < 200_000; i++) log.mark(0, states[i % 2]!, i * 5_000);
    const { spans } = fresh(log, sampler, 1_000_000_000);
    expect(spans.length).toBeLessThanOrEqual(MAX_TRANSITIONS_PER_LANE);
    expect(spans[0]!.startUs).toBe(0);
    expect(spans.at(-1)!.endUs).toBe(1_000_000_000);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.startUs).toBe(spans[i - 1]!.endUs);
    // Bucketing keeps each state's total exact: half the time running, half waiting for the GIL.
    const total = (state: string) => spans.filter((s) => s.state === state).reduce((sum, s) => sum + s.endUs - s.startUs, 0);
    expect(total('running')).toBe(500_000_000);
    expect(total('gil-wait')).toBe(500_000_000);
  });

  it('splits running time the kernel saw in a run queue into ready, and counts timeslices once per thread', () => {
    const { log, sampler } = setup();
    sampler.track(0, 7);
    sampler.track(1, 7); // a thread shared by both lanes (one worker ran them in turn)
    log.mark(0, 'running', 0);
    sampler.add(0, 0, 0, 0, 10);
    sampler.add(0, 1_000, 500_000, 500_000, 12); // half the window waiting
    log.progress(0, 1_000);
    sampler.add(1, 1_000, 0, 0, 12);
    sampler.add(1, 2_000, 0, 0, 15);
    const run = fresh(log, sampler, 1_000);
    expect(run.spans).toEqual([
      { lane: 0, state: 'ready', startUs: 0, endUs: 500 },
      { lane: 0, state: 'running', startUs: 500, endUs: 1_000 },
    ]);
    expect(run.contextSwitches).toBe(5);
    expect(run.tasks[0]).toMatchObject({ cpuUs: 500, waitUs: 500, responseUs: 500, finishUs: 1_000 });
  });
});

/**
 * The real engine's spans as they were built before incremental builds: every transition to a
 * raw span up to where the lane is drawn, the terminal marker, then the schedstat refinement.
 */
function reference(log: TransitionLog, sampler: FakeSampler, nowUs: number): Span[] {
  const raw: Span[] = [];
  for (let lane = 0; lane < log.laneCount; lane++) {
    const { transitions: list, end, lastProgressUs } = log.lane(lane);
    const samples = sampler.samples(lane);
    const last = samples.at(-1);
    const before = samples.at(-2);
    const onCpuUs = last && before && last.onCpuNs > before.onCpuNs ? last.atUs : 0;
    const open = list.at(-1);
    const reportedUs = open?.state === 'running' ? Math.max(open.atUs, lastProgressUs, onCpuUs) : nowUs;
    const stopUs = end?.atUs ?? Math.min(nowUs, reportedUs);
    for (let i = 0; i < list.length; i++) {
      const from = list[i]!;
      const toUs = Math.min(list[i + 1]?.atUs ?? stopUs, stopUs);
      if (toUs <= from.atUs) continue;
      const prev = raw.at(-1);
      if (prev && prev.lane === lane && prev.state === from.state && prev.endUs === from.atUs) prev.endUs = toUs;
      else raw.push({ lane, state: from.state, startUs: from.atUs, endUs: toUs });
    }
    if (end) raw.push({ lane, state: end.state, startUs: end.atUs, endUs: end.atUs });
  }
  return refineWithSchedstat(raw, new Map(lanes.map((lane) => [lane.id, sampler.samples(lane.id)])));
}

/** One thing that can happen during a run, as the engine would see it. */
type Step =
  | { type: 'mark'; lane: number; state: SpanState; lagUs: number }
  | { type: 'progress'; lane: number }
  | { type: 'sample'; waitPermille: number }
  | { type: 'finish'; lane: number }
  | { type: 'thin'; lane: number }
  | { type: 'build' };

// Weighted so that lanes live long enough to be built many times before they end.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('mark' as const),
      lane: fc.integer({ min: 0, max: 1 }),
      state: fc.constantFrom<SpanState>('running', 'io', 'gil-wait', 'ready'),
      lagUs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('progress' as const), lane: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('sample' as const), waitPermille: fc.integer({ min: 0, max: 1_000 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('finish' as const), lane: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('thin' as const), lane: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 4, arbitrary: fc.constant({ type: 'build' as const }) },
);

describe('RunBuilder: incremental builds', () => {
  it('gives at every build what a build from scratch and the former full rebuild give (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 1, maxLength: 8 }), (steps, gaps) => {
        const { log, sampler, builder } = setup();
        for (const lane of [0, 1]) sampler.track(lane);
        const cpu = [0, 0];
        const wait = [0, 0];
        let nowUs = 0;
        steps.forEach((s, i) => {
          nowUs += gaps[i % gaps.length]!;
          switch (s.type) {
            case 'mark':
              return log.mark(s.lane, s.state, Math.max(0, nowUs - s.lagUs));
            case 'progress':
              return log.progress(s.lane, nowUs);
            case 'sample':
              for (const lane of [0, 1]) {
                if (!sampler.isTracked(lane)) continue;
                wait[lane]! += s.waitPermille;
                cpu[lane]! += 1_000 - s.waitPermille;
                sampler.add(lane, nowUs, cpu[lane]! * 1_000, wait[lane]! * 1_000, i);
              }
              return;
            case 'finish':
              log.finish(s.lane, 'done', nowUs);
              return sampler.untrack(s.lane);
            case 'thin':
              return sampler.samples(s.lane).length > 2 ? sampler.thin(s.lane) : undefined;
            case 'build': {
              const run = builder.build(lanes, nowUs);
              expect(run).toEqual(fresh(log, sampler, nowUs));
              expect(run.spans).toEqual(reference(log, sampler, nowUs));
            }
          }
        });
        expect(builder.build(lanes, nowUs + 1)).toEqual(fresh(log, sampler, nowUs + 1));
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it('settles only at a sample time: a window cut by an earlier build is refined whole later', () => {
    const { log, sampler, builder } = setup(1);
    const one = lanes.slice(0, 1);
    sampler.track(0);
    log.mark(0, 'running', 100);
    sampler.add(0, 200, 100_000, 0);
    log.progress(0, 300); // the latest report falls inside the window [200, 400]
    sampler.add(0, 400, 200_000, 100_000);
    builder.build(one, 450);
    sampler.add(0, 500, 250_000, 150_000);
    log.progress(0, 500);
    expect(builder.build(one, 550).spans).toEqual([
      { lane: 0, state: 'running', startUs: 100, endUs: 200 },
      { lane: 0, state: 'ready', startUs: 200, endUs: 300 },
      { lane: 0, state: 'running', startUs: 300, endUs: 400 },
      { lane: 0, state: 'ready', startUs: 400, endUs: 450 },
      { lane: 0, state: 'running', startUs: 450, endUs: 500 },
    ]);
  });

  it('a second build after N new events reads only those, however long the run already is', () => {
    const { log, sampler, builder } = setup();
    for (const lane of [0, 1]) sampler.track(lane);
    let nowUs = 0;
    const advance = (events: number) => {
      for (let i = 0; i < events; i++) {
        nowUs += 1_000;
        const lane = i % 2;
        log.mark(lane, i % 4 < 2 ? 'running' : 'gil-wait', nowUs);
        sampler.add(lane, nowUs, nowUs * 500, nowUs * 100);
      }
    };
    advance(5_000);
    builder.build(lanes, nowUs);
    const first = builder.lastWork;
    advance(20);
    builder.build(lanes, nowUs);
    // 20 transitions and 20 samples arrived; each lane also rereads its unsettled tail (≤ a few).
    expect(first).toBeGreaterThan(5_000);
    expect(builder.lastWork).toBeLessThanOrEqual(2 * 20 + 4 * lanes.length);
    expect(builder.build(lanes, nowUs)).toEqual(fresh(log, sampler, nowUs));
  });
});
