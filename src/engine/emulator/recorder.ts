import type { Span, SpanState } from '../trace.js';

/** Core number stored for spans that have none. */
const NO_CORE = -1;

/**
 * The only writer of spans in the emulator. Callers report a lane's state whenever it may have
 * changed; the recorder drops zero-length spans and merges adjacent spans of the same state,
 * so a lane's spans never overlap and never repeat a state back to back.
 * Open spans live in parallel arrays: state changes are the emulator's most frequent operation.
 */
export class Recorder {
  private readonly openState: (SpanState | null)[];
  private readonly openStartUs: Float64Array;
  private readonly openCore: Int32Array;
  private readonly closed: Span[][];

  constructor(laneCount: number) {
    this.openState = new Array<SpanState | null>(laneCount).fill(null);
    this.openStartUs = new Float64Array(laneCount);
    this.openCore = new Int32Array(laneCount);
    this.closed = Array.from({ length: laneCount }, () => []);
  }

  /** The lane is in `state` from `nowUs` on (`core` for running and spawn). */
  set(lane: number, state: SpanState, nowUs: number, core: number = NO_CORE): void {
    const current = this.openState[lane];
    if (current === state && this.openCore[lane] === core) return;
    if (current) this.close(lane, nowUs);
    const spans = this.closed[lane]!;
    const last = spans[spans.length - 1];
    // Coming back at this same instant to the state we just left: reopen it instead.
    if (last && last.endUs === nowUs && last.state === state && (last.core ?? NO_CORE) === core) {
      spans.pop();
      this.open(lane, state, last.startUs, core);
      return;
    }
    this.open(lane, state, nowUs, core);
  }

  /** The lane ends at `nowUs` with a zero-length terminal marker. */
  finish(lane: number, state: 'done' | 'failed', nowUs: number): void {
    if (this.openState[lane]) this.close(lane, nowUs);
    this.openState[lane] = null;
    this.closed[lane]!.push({ lane, state, startUs: nowUs, endUs: nowUs, core: undefined });
  }

  /** All spans, lane by lane, in time order. */
  spans(): Span[] {
    // Preallocated and filled by a plain loop: flat() or a growing array copy millions of spans.
    let total = 0;
    for (const lane of this.closed) total += lane.length;
    const all = new Array<Span>(total);
    let at = 0;
    for (const lane of this.closed) for (const span of lane) all[at++] = span;
    return all;
  }

  private open(lane: number, state: SpanState, startUs: number, core: number): void {
    this.openState[lane] = state;
    this.openStartUs[lane] = startUs;
    this.openCore[lane] = core;
  }

  private close(lane: number, endUs: number): void {
    const startUs = this.openStartUs[lane]!;
    if (endUs === startUs) return; // zero-length: nothing happened in this state
    const core = this.openCore[lane]!;
    // One object shape for every span (core present, undefined when none: JSON omits it),
    // so creating millions of them stays on V8's fast path.
    this.closed[lane]!.push({ lane, state: this.openState[lane]!, startUs, endUs, core: core === NO_CORE ? undefined : core });
  }
}
