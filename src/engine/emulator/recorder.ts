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
    this.closed[lane]!.push({ lane, state, startUs: nowUs, endUs: nowUs });
  }

  /** All spans, lane by lane, in time order. */
  spans(): Span[] {
    // A plain loop: Array.prototype.flat is several times slower here, and this runs per key press.
    const all: Span[] = [];
    for (const lane of this.closed) for (const span of lane) all.push(span);
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
    const span: Span = { lane, state: this.openState[lane]!, startUs, endUs };
    const core = this.openCore[lane]!;
    if (core !== NO_CORE) span.core = core;
    this.closed[lane]!.push(span);
  }
}
