import type { Span, SpanState } from '../trace.js';

interface OpenSpan {
  state: SpanState;
  startUs: number;
  core: number | undefined;
}

/**
 * The only writer of spans in the emulator. Callers report a lane's state whenever it may have
 * changed; the recorder drops zero-length spans and merges adjacent spans of the same state,
 * so a lane's spans never overlap and never repeat a state back to back.
 */
export class Recorder {
  private readonly open: (OpenSpan | null)[];
  private readonly closed: Span[][];

  constructor(laneCount: number) {
    this.open = new Array<OpenSpan | null>(laneCount).fill(null);
    this.closed = Array.from({ length: laneCount }, () => []);
  }

  /** The lane is in `state` from `nowUs` on. */
  set(lane: number, state: SpanState, nowUs: number, core?: number): void {
    const current = this.open[lane];
    if (current && current.state === state && current.core === core) return;
    if (current) this.close(lane, current, nowUs);
    const spans = this.closed[lane]!;
    const last = spans[spans.length - 1];
    // Coming back to the state we just left at this same instant: reopen it instead.
    if (last && last.endUs === nowUs && last.state === state && last.core === core) {
      spans.pop();
      this.open[lane] = { state, startUs: last.startUs, core };
      return;
    }
    this.open[lane] = { state, startUs: nowUs, core };
  }

  /** The lane ends at `nowUs` with a zero-length terminal marker. */
  finish(lane: number, state: 'done' | 'failed', nowUs: number): void {
    const current = this.open[lane];
    if (current) this.close(lane, current, nowUs);
    this.open[lane] = null;
    this.closed[lane]!.push({ lane, state, startUs: nowUs, endUs: nowUs });
  }

  /** All spans, lane by lane, in time order. */
  spans(): Span[] {
    // A plain loop: Array.prototype.flat is several times slower here, and this runs per key press.
    const all: Span[] = [];
    for (const lane of this.closed) for (const span of lane) all.push(span);
    return all;
  }

  private close(lane: number, span: OpenSpan, endUs: number): void {
    if (endUs === span.startUs) return; // zero-length: nothing happened in this state
    const done: Span = { lane, state: span.state, startUs: span.startUs, endUs };
    if (span.core !== undefined) done.core = span.core;
    this.closed[lane]!.push(done);
  }
}
