import { addSpan, emptyTotals, type LaneTotals } from '../metrics.js';
import { TERMINAL_STATES, type Span } from '../trace.js';
import type { Transition } from './coarsen.js';
import type { SampleSource, SchedSample } from './procfs.js';
import { refineWithSchedstat } from './schedstat-refine.js';
import type { LaneLog } from './transition-log.js';

/**
 * One lane's spans, built incrementally: what is settled is kept, and each update refines only
 * the part after the settled horizon (schedstat-refine.ts), so its work is what arrived since.
 *
 * The horizon only ever sits where refinement can be cut without changing it: at a sample time
 * (or before the first sample, or after the last once no more will come), no later than the
 * lane's latest report (its executor reports in time order) and the end of what is drawn.
 * A report or a sample that lands before the horizon anyway (an engine-side mark, a thread
 * tracked anew, history thinned or bucketed) is seen at the next update, which then rebuilds the
 * lane from its start: always correct, and rare.
 */
export class LaneSpans {
  /** Settled spans, merged; the last may still grow by merging with what settles next. */
  readonly settled: Span[] = [];
  /** Totals of the settled spans (the tail's are added per update). */
  readonly settledTotals: LaneTotals = emptyTotals();
  /** `[startUs, endUs]` of settled spawn pieces (for the run's busy time, start-up counted once). */
  readonly settledSpawns: [number, number][] = [];
  /** The unsettled rest of the lane as of the last update. */
  tail: Span[] = [];
  /** Transitions and samples read by the last update. */
  lastWork = 0;

  private horizonUs = 0;
  /** Index of the last transition at or before the horizon (-1: none), and that transition. */
  private cursor = -1;
  private cursorRef: Transition | undefined;
  /** Index of the last sample at or before the horizon (0 when none is). */
  private sampleCursor = 0;
  private sampleRevision = 0;
  private complete = false;

  constructor(private readonly lane: number) {}

  update(log: LaneLog, sampler: SampleSource, nowUs: number): void {
    const list = log.transitions;
    const samples = sampler.samples(this.lane);
    if (!this.stillValid(list, sampler)) this.reset(sampler.revision(this.lane));
    this.lastWork = 0;
    if (this.complete) {
      this.tail = [];
      return;
    }
    const end = log.end;
    const stopUs = end?.atUs ?? drawnUntilUs(list, log.lastProgressUs, samples, nowUs);
    const tracked = sampler.isTracked(this.lane);
    const latestUs = end?.atUs ?? Math.max(list.at(-1)?.atUs ?? 0, log.lastProgressUs);
    let boundUs = Math.min(stopUs, latestUs);
    if (tracked && samples.length > 0) boundUs = Math.min(boundUs, samples.at(-1)!.atUs);
    const horizonUs = Math.max(this.horizonUs, this.cleanPointAtOrBefore(boundUs, samples, tracked));

    const raw = this.rawFrom(list, stopUs);
    if (end) raw.push({ lane: this.lane, state: end.state, startUs: end.atUs, endUs: end.atUs });
    const window = samples.slice(this.sampleCursor);
    this.lastWork += window.length;
    const refined = refineWithSchedstat(raw, new Map([[this.lane, window]]));

    this.tail = [];
    for (const piece of refined) {
      if (piece.endUs <= horizonUs) this.settle(piece);
      else if (piece.startUs < horizonUs) {
        this.settle({ ...piece, endUs: horizonUs });
        this.tail.push({ ...piece, startUs: horizonUs });
      } else this.tail.push(piece);
    }
    this.advanceTo(horizonUs, list, samples);
    this.complete = end !== null && TERMINAL_STATES.has(this.settled.at(-1)?.state ?? 'running') && this.tail.length === 0;
  }

  /** The settled spans and the tail, merged where they touch, appended to `out`. */
  appendTo(out: Span[]): void {
    const settled = this.settled;
    const first = this.tail[0];
    const last = settled.at(-1);
    const seam = last !== undefined && first !== undefined && mergeable(last, first);
    const settledShown = seam ? settled.length - 1 : settled.length;
    for (let i = 0; i < settledShown; i++) out.push(settled[i]!);
    if (seam) out.push({ ...last, endUs: first.endUs });
    for (let i = seam ? 1 : 0; i < this.tail.length; i++) out.push(this.tail[i]!);
  }

  /** The lane's totals: settled plus tail. */
  totals(): LaneTotals {
    const totals = { ...this.settledTotals };
    for (const span of this.tail) addSpan(totals, span);
    return totals;
  }

  private stillValid(list: readonly Transition[], sampler: SampleSource): boolean {
    if (sampler.revision(this.lane) !== this.sampleRevision) return false;
    if (this.horizonUs === 0 && this.settled.length === 0) return true;
    if (this.cursor >= 0 && list[this.cursor] !== this.cursorRef) return false;
    const next = list[this.cursor + 1];
    return next === undefined || next.atUs > this.horizonUs;
  }

  private reset(sampleRevision: number): void {
    this.settled.length = 0;
    this.settledSpawns.length = 0;
    Object.assign(this.settledTotals, emptyTotals());
    this.horizonUs = 0;
    this.cursor = -1;
    this.cursorRef = undefined;
    this.sampleCursor = 0;
    this.sampleRevision = sampleRevision;
    this.complete = false;
  }

  /**
   * The lane's raw spans from the horizon to `stopUs`: one per stretch in one state (repeated
   * states merge), clipped to what is drawn.
   */
  private rawFrom(list: readonly Transition[], stopUs: number): Span[] {
    const raw: Span[] = [];
    for (let i = Math.max(this.cursor, 0); i < list.length; i++) {
      this.lastWork++;
      const from = list[i]!;
      if (from.atUs >= stopUs) break;
      const startUs = Math.max(from.atUs, this.horizonUs);
      const toUs = Math.min(list[i + 1]?.atUs ?? stopUs, stopUs);
      if (toUs <= startUs) continue;
      const last = raw.at(-1);
      if (last && last.state === from.state && last.endUs === startUs) last.endUs = toUs;
      else raw.push({ lane: this.lane, state: from.state, startUs, endUs: toUs });
    }
    return raw;
  }

  /** The latest time ≤ `boundUs` where refinement can be cut (see the class comment). */
  private cleanPointAtOrBefore(boundUs: number, samples: readonly SchedSample[], tracked: boolean): number {
    if (samples.length === 0 || boundUs < samples[0]!.atUs) return boundUs;
    if (!tracked && boundUs >= samples.at(-1)!.atUs) return boundUs;
    let j = this.sampleCursor;
    while (j + 1 < samples.length && samples[j + 1]!.atUs <= boundUs) j++;
    return samples[j]!.atUs;
  }

  private advanceTo(horizonUs: number, list: readonly Transition[], samples: readonly SchedSample[]): void {
    this.horizonUs = horizonUs;
    while (this.cursor + 1 < list.length && list[this.cursor + 1]!.atUs <= horizonUs) this.cursor++;
    this.cursorRef = list[this.cursor];
    while (this.sampleCursor + 1 < samples.length && samples[this.sampleCursor + 1]!.atUs <= horizonUs) this.sampleCursor++;
  }

  private settle(piece: Span): void {
    addSpan(this.settledTotals, piece);
    if (piece.state === 'spawn') this.settledSpawns.push([piece.startUs, piece.endUs]);
    const last = this.settled.at(-1);
    // Published spans are never changed: a merge replaces the last one with a longer copy.
    if (last !== undefined && mergeable(last, piece)) this.settled[this.settled.length - 1] = { ...last, endUs: piece.endUs };
    else this.settled.push(piece);
  }
}

/** schedstat-refine's merge rule: touching, same state and core, and not a terminal marker. */
function mergeable(prev: Span, next: Span): boolean {
  return prev.endUs === next.startUs && prev.state === next.state && prev.core === next.core && !TERMINAL_STATES.has(next.state) && next.endUs > next.startUs;
}

/**
 * How far an unfinished lane is drawn: a lane computing, up to its last sign of work (its own
 * progress report, or the kernel seeing its thread gain CPU time), not to "now", so a stalled
 * task stops growing; a lane waiting, up to now.
 */
function drawnUntilUs(list: readonly Transition[], lastProgressUs: number, samples: readonly SchedSample[], nowUs: number): number {
  const open = list.at(-1);
  if (open?.state !== 'running') return nowUs;
  const last = samples.at(-1);
  const before = samples.at(-2);
  const onCpuUs = last && before && last.onCpuNs > before.onCpuNs ? last.atUs : 0;
  return Math.min(nowUs, Math.max(open.atUs, lastProgressUs, onCpuUs));
}
