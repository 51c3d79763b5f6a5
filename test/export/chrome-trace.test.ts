import { describe, expect, it } from 'vitest';
import { TERMINAL_STATES, type Run, type Trace } from '../../src/engine/index.js';
import { traceToChromeTrace } from '../../src/export/chrome-trace.js';
import { convoyTrace, scenarioTrace } from './fixtures.js';

/** A real-looking run with a failed task and a GIL hand-off to no task. */
const FAILING: Run = {
  source: 'real',
  strategy: 'threads',
  elapsedUs: 900,
  cpuUtilization: 0.5,
  contextSwitches: 1,
  gilHandoffs: 1,
  speedupVsSequential: null,
  cores: 2,
  setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
  tasks: [
    { name: 'ok', arrivalUs: 0, responseUs: 0, turnaroundUs: 500, waitUs: 0, cpuUs: 500, finishUs: 500 },
    { name: 'bad', arrivalUs: 0, responseUs: 100, turnaroundUs: 900, waitUs: 100, cpuUs: 800, finishUs: 900, error: 'ZeroDivisionError' },
  ],
  lanes: [
    { id: 0, name: 'ok', group: 'T1', arrivalUs: 0 },
    { id: 1, name: 'bad', group: 'T2', arrivalUs: 0 },
  ],
  spans: [
    { lane: 0, state: 'running', startUs: 0, endUs: 500, core: 0 },
    { lane: 0, state: 'done', startUs: 500, endUs: 500 },
    { lane: 1, state: 'ready', startUs: 0, endUs: 100 },
    { lane: 1, state: 'ready', startUs: 100, endUs: 100 },
    { lane: 1, state: 'running', startUs: 100, endUs: 900, core: 1 },
    { lane: 1, state: 'failed', startUs: 900, endUs: 900 },
  ],
  instants: [{ kind: 'gil-handoff', atUs: 500, lane: -1 }],
};

type Event = Record<string, unknown> & { ph: string; pid: number; tid?: number; name: string; args?: Record<string, unknown> };

function parse(trace: Trace): { traceEvents: Event[]; displayTimeUnit: string; otherData: Record<string, unknown> } {
  return JSON.parse(traceToChromeTrace(trace));
}

describe('traceToChromeTrace', () => {
  const trace = convoyTrace();
  trace.runs.push(FAILING);
  const doc = parse(trace);
  const events = doc.traceEvents;

  it('is one JSON object with traceEvents, displayTimeUnit ms and otherData', () => {
    expect(Object.keys(doc)).toEqual(['traceEvents', 'displayTimeUnit', 'otherData']);
    expect(doc.displayTimeUnit).toBe('ms');
    expect(doc.otherData).toMatchObject({ workload: 'convoy', emulator: expect.stringContaining('cores=2') });
  });

  it('gives every event the fields its phase requires', () => {
    for (const event of events) {
      expect(typeof event.name).toBe('string');
      expect(Number.isInteger(event.pid)).toBe(true);
      if (event.ph === 'M') {
        expect(['process_name', 'process_sort_index', 'thread_name', 'thread_sort_index']).toContain(event.name);
        expect(event.args).toBeTypeOf('object');
        if (event.name.startsWith('thread')) expect(Number.isInteger(event.tid)).toBe(true);
      } else if (event.ph === 'X') {
        expect(event).toMatchObject({ cat: expect.any(String), ts: expect.any(Number), dur: expect.any(Number) });
        expect(event.dur as number).toBeGreaterThan(0);
        expect(Number.isInteger(event.tid)).toBe(true);
      } else if (event.ph === 'i') {
        expect(['t', 'p']).toContain(event.s);
        expect(typeof event.ts).toBe('number');
        expect(Number.isInteger(event.tid)).toBe(true);
      } else if (event.ph === 's' || event.ph === 'f') {
        expect(event).toMatchObject({ cat: 'gil', id: expect.any(Number), ts: expect.any(Number) });
        expect(Number.isInteger(event.tid)).toBe(true);
      } else {
        throw new Error(`unexpected phase ${event.ph}`);
      }
    }
  });

  it('names one process per run and one thread per lane, for every pid and tid used', () => {
    const processNames = new Map(events.filter((e) => e.name === 'process_name').map((e) => [e.pid, e.args?.name]));
    expect([...processNames.entries()]).toEqual(trace.runs.map((run, i) => [i + 1, `${run.source} ${run.strategy}`]));
    const threadNames = new Set(events.filter((e) => e.name === 'thread_name').map((e) => `${e.pid}/${e.tid}`));
    const sortIndexed = new Set(events.filter((e) => e.name === 'thread_sort_index').map((e) => `${e.pid}/${e.tid}`));
    for (const event of events.filter((e) => e.ph !== 'M')) {
      expect(processNames.has(event.pid)).toBe(true);
      expect(threadNames).toContain(`${event.pid}/${event.tid}`);
      expect(sortIndexed).toContain(`${event.pid}/${event.tid}`);
    }
    expect(events.filter((e) => e.name === 'process_sort_index').map((e) => e.args?.sort_index)).toEqual(trace.runs.map((_, i) => i + 1));
    const lane = events.find((e) => e.name === 'thread_name' && e.pid === 1 && e.tid === 2);
    expect(lane?.args?.name).toBe(trace.runs[0]!.lanes[1]!.name);
  });

  it("writes one complete event per lasting span on its lane's track, in µs, with the core", () => {
    trace.runs.forEach((run, index) => {
      const lasting = run.spans.filter((s) => !TERMINAL_STATES.has(s.state) && s.endUs > s.startUs);
      const complete = events.filter((e) => e.ph === 'X' && e.pid === index + 1 && e.tid! <= run.lanes.length);
      expect(complete).toEqual(
        lasting.map((s) => ({
          ph: 'X',
          name: s.state,
          cat: s.state,
          pid: index + 1,
          tid: s.lane + 1,
          ts: s.startUs,
          dur: s.endUs - s.startUs,
          args: s.core === undefined ? {} : { core: s.core },
        })),
      );
    });
  });

  it('marks done and failed as thread instants, the failure with its error', () => {
    const pid = trace.runs.length;
    const markers = events.filter((e) => e.ph === 'i' && e.s === 't' && e.pid === pid);
    expect(markers).toEqual([
      { ph: 'i', s: 't', name: 'done', cat: 'done', pid, tid: 1, ts: 500 },
      { ph: 'i', s: 't', name: 'failed', cat: 'failed', pid, tid: 2, ts: 900, args: { error: 'ZeroDivisionError' } },
    ]);
    const doneCount = trace.runs[1]!.spans.filter((s) => s.state === 'done').length;
    expect(events.filter((e) => e.pid === 2 && e.name === 'done')).toHaveLength(doneCount);
  });

  it('writes GIL hand-offs as process instants on the receiving lane, or tid 0 for no task', () => {
    const threads = trace.runs[1]!;
    const handoffs = events.filter((e) => e.ph === 'i' && e.name === 'gil-handoff' && e.pid === 2);
    expect(handoffs).toHaveLength(threads.instants.length);
    expect(handoffs.map((e) => [e.ts, e.tid, e.s])).toEqual(threads.instants.map((i) => [i.atUs, i.lane + 1, 'p']));
    const idle = events.find((e) => e.ph === 'i' && e.name === 'gil-handoff' && e.pid === trace.runs.length);
    expect(idle).toMatchObject({ tid: 0, ts: 500 });
    expect(events.find((e) => e.name === 'thread_name' && e.pid === trace.runs.length && e.tid === 0)).toBeDefined();
  });

  it('writes one event per line, so diffs stay readable', () => {
    const lines = traceToChromeTrace(trace).trimEnd().split('\n');
    expect(lines).toHaveLength(events.length + 2);
  });

  /** The events of run `pid` on the track named `name`. */
  function onTrack(all: Event[], pid: number, name: string): Event[] {
    const tid = all.find((e) => e.name === 'thread_name' && e.pid === pid && e.args?.name === name)?.tid;
    return tid === undefined ? [] : all.filter((e) => e.pid === pid && e.tid === tid && e.ph !== 'M');
  }

  it('gives every core a track with what ran there, named after its lane, never two at once', () => {
    trace.runs.forEach((run, index) => {
      const cores = [...new Set(run.spans.flatMap((s) => (s.core === undefined || s.endUs === s.startUs ? [] : [s.core])))];
      expect(cores.length).toBeGreaterThan(0);
      for (const core of cores) {
        const slices = onTrack(events, index + 1, `core ${core}`);
        const ran = run.spans.filter((s) => s.core === core && s.endUs > s.startUs);
        expect(slices.map((e) => [e.ts, e.dur, e.name, e.cat])).toEqual(ran.map((s) => [s.startUs, s.endUs - s.startUs, run.lanes[s.lane]!.name, s.state]));
        if (run.source === 'emulated') {
          const byStart = [...slices].sort((a, b) => (a.ts as number) - (b.ts as number));
          for (let i = 1; i < byStart.length; i++) {
            expect(byStart[i]!.ts as number).toBeGreaterThanOrEqual((byStart[i - 1]!.ts as number) + (byStart[i - 1]!.dur as number));
          }
        }
      }
    });
  });

  it("shows the GIL's holder on a track of its own where threads handed it over, and only there", () => {
    trace.runs.forEach((run, index) => {
      const holder = onTrack(events, index + 1, 'GIL holder');
      if (run.instants.length === 0) return expect(holder).toEqual([]);
      const running = run.spans.filter((s) => s.state === 'running' && s.endUs > s.startUs).sort((a, b) => a.startUs - b.startUs);
      if (run.source === 'emulated') {
        expect(holder.map((e) => [e.ts, e.dur, e.name])).toEqual(running.map((s) => [s.startUs, s.endUs - s.startUs, run.lanes[s.lane]!.name]));
      }
      for (let i = 1; i < holder.length; i++) {
        expect(holder[i]!.ts as number).toBeGreaterThanOrEqual((holder[i - 1]!.ts as number) + (holder[i - 1]!.dur as number));
      }
    });
    expect(onTrack(events, trace.runs.findIndex((r) => r.strategy === 'threads') + 1, 'GIL holder').length).toBeGreaterThan(0);
    expect(onTrack(events, trace.runs.findIndex((r) => r.strategy === 'processes') + 1, 'GIL holder')).toEqual([]);
  });

  it('draws a flow arrow per GIL hand-off in count, from the giving thread to the taking one, turn by turn', () => {
    const count = scenarioTrace('count', ['sequential', 'threads']);
    const all = parse(count).traceEvents;
    const threads = count.runs[1]!;
    const starts = all.filter((e) => e.ph === 's');
    const ends = all.filter((e) => e.ph === 'f');
    expect(starts.length).toBe(threads.instants.length);
    expect(ends.map((e) => e.id)).toEqual(starts.map((e) => e.id));
    expect(new Set(starts.map((e) => e.id)).size).toBe(starts.length);
    const runningOf = (tid: number) => all.filter((e) => e.ph === 'X' && e.pid === 2 && e.tid === tid && e.name === 'running');
    const running = new Map([1, 2].map((tid) => [tid, runningOf(tid)]));
    threads.instants.forEach((instant, i) => {
      const [start, end] = [starts[i]!, ends[i]!];
      expect(end).toMatchObject({ pid: 2, tid: instant.lane + 1, ts: instant.atUs });
      // Two threads take turns: the arrow goes from the other one, out of a running slice of its own.
      expect(start.tid).toBe(2 - instant.lane);
      expect(
        running.get(start.tid!)!.some((e) => (e.ts as number) <= (start.ts as number) && (start.ts as number) < (e.ts as number) + (e.dur as number)),
      ).toBe(true);
    });
  });

  it('keeps flow ids unique across the runs of a trace', () => {
    const ids = events.filter((e) => e.ph === 's').map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
