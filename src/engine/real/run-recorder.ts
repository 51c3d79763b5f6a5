import type { Instant, Lane, Span, SpanState } from '../trace.js';
import { SchedstatSampler, type SchedSample } from './procfs.js';
import { refineWithSchedstat } from './schedstat-refine.js';
import { coarsenOlderHalf, type Transition } from './coarsen.js';
import { GilTakes } from './gil-takes.js';

/** Transitions kept per lane before the older half is bucketed (see coarsenOlderHalf). */
export const MAX_TRANSITIONS_PER_LANE = 20_000;


/** What a real run looks like so far: spans up to `nowUs`, GIL hand-offs, OS context switches. */
export interface RecordedRun {
  spans: Span[];
  instants: Instant[];
  gilHandoffs: number;
  contextSwitches: number;
  /** Errors of failed lanes, by lane. */
  errors: Map<number, string>;
}

/**
 * Collects a real run's lane states as executors report them and turns them into spans.
 * Reports from different threads arrive out of order, so each lane keeps its transitions
 * sorted by time; anything reported after a lane ended is ignored. Running periods are then
 * split into running/ready with the kernel's own accounting (/proc schedstat) where available.
 */
export class RunRecorder {
  private readonly transitions: Transition[][];
  private readonly ended: (Transition | null)[];
  private readonly errors = new Map<number, string>();
  private readonly gilTakes = new GilTakes();
  private readonly threadOf = new Map<number, number>();
  private readonly sampler = new SchedstatSampler();

  /** Latest progress report per lane (µs). */
  private readonly lastReportUs: number[];

  /** `clock` stamps schedstat samples: they are read now, whatever time an event carried. */
  constructor(
    lanes: readonly Lane[],
    private readonly clock: () => number,
  ) {
    this.lastReportUs = lanes.map(() => 0);
    this.transitions = lanes.map(() => []);
    this.ended = lanes.map(() => null);
  }

  /** The lane is in `state` from `atUs` on. */
  mark(lane: number, state: SpanState, atUs: number): void {
    const end = this.ended[lane];
    if (end && atUs >= end.atUs) return;
    const list = this.transitions[lane]!;
    let at = list.length;
    while (at > 0 && list[at - 1]!.atUs > atUs) at--;
    list.splice(at, 0, { atUs, state });
    // An hour under a GIL is hundreds of thousands of hand-offs: old history is bucketed.
    coarsenOlderHalf(list, MAX_TRANSITIONS_PER_LANE);
  }

  finish(lane: number, state: 'done' | 'failed', atUs: number, error?: string): void {
    if (this.ended[lane]) return;
    const lastUs = this.transitions[lane]!.at(-1)?.atUs ?? atUs;
    this.ended[lane] = { atUs: Math.max(atUs, lastUs), state };
    if (error !== undefined) this.errors.set(lane, error);
    this.sampler.sample(this.clock());
    this.sampler.untrack(lane);
  }

  isFinished(lane: number): boolean {
    return this.ended[lane] !== null;
  }

  gil(lane: number, atUs: number): void {
    this.gilTakes.add(lane, atUs);
  }

  /** The lane runs on OS thread `tid` of `pid`: sample its schedstat from now on. */
  thread(lane: number, pid: number, tid: number | null): void {
    if (tid === null) return;
    this.threadOf.set(lane, tid);
    this.sampler.track(lane, pid, tid);
    this.sampler.sample(this.clock());
  }

  /** Reads every running lane's schedstat (call every few ms while the run lasts). */
  sample(): void {
    this.sampler.sample(this.clock());
  }

  /** The lane's task reported that it is still computing at `atUs`. */
  progress(lane: number, atUs: number): void {
    this.lastReportUs[lane] = Math.max(this.lastReportUs[lane]!, atUs);
  }

  snapshot(nowUs: number): RecordedRun {
    const raw: Span[] = [];
    this.transitions.forEach((list, lane) => {
      const end = this.ended[lane];
      // A lane still computing is drawn up to the last sign of work — its own progress report,
      // or the kernel seeing its thread on a CPU — not to "now": a stalled task stops growing.
      const open = list.at(-1);
      const reportedUs = open?.state === 'running' ? Math.max(open.atUs, this.lastReportUs[lane]!, this.lastOnCpuUs(lane)) : nowUs;
      const stopUs = end?.atUs ?? Math.min(nowUs, reportedUs);
      for (let i = 0; i < list.length; i++) {
        const from = list[i]!;
        const toUs = Math.min(list[i + 1]?.atUs ?? stopUs, stopUs);
        if (toUs <= from.atUs) continue;
        const last = raw.at(-1);
        if (last && last.lane === lane && last.state === from.state && last.endUs === from.atUs) last.endUs = toUs;
        else raw.push({ lane, state: from.state, startUs: from.atUs, endUs: toUs });
      }
      if (end) raw.push({ lane, state: end.state, startUs: end.atUs, endUs: end.atUs });
    });
    const samples = new Map<number, readonly SchedSample[]>();
    for (const lane of this.threadOf.keys()) samples.set(lane, this.sampler.samples(lane));
    const instants = this.gilTakes.instants();
    return {
      spans: refineWithSchedstat(raw, samples),
      instants,
      gilHandoffs: this.gilTakes.count(),
      contextSwitches: this.contextSwitches(samples),
      errors: new Map(this.errors),
    };
  }

  close(): void {
    this.sampler.close();
  }

  /** When the kernel last saw the lane's thread gain CPU time (0 without samples). */
  private lastOnCpuUs(lane: number): number {
    const samples = this.sampler.samples(lane);
    const last = samples.at(-1);
    const before = samples.at(-2);
    return last && before && last.onCpuNs > before.onCpuNs ? last.atUs : 0;
  }

  /** Timeslices the kernel gave the run's threads; a thread shared by lanes is counted once. */
  private contextSwitches(samples: ReadonlyMap<number, readonly SchedSample[]>): number {
    const range = new Map<number, { min: number; max: number }>();
    for (const [lane, list] of samples) {
      const tid = this.threadOf.get(lane)!;
      for (const sample of list) {
        const seen = range.get(tid) ?? { min: sample.timeslices, max: sample.timeslices };
        range.set(tid, { min: Math.min(seen.min, sample.timeslices), max: Math.max(seen.max, sample.timeslices) });
      }
    }
    let total = 0;
    for (const { min, max } of range.values()) total += max - min;
    return total;
  }
}
