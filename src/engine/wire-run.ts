import { instantColumns, instantColumnsOf, NO_CORE, setColumns, spanColumns, spanColumnsOf, type SpanSegment } from './span-columns.js';
import { SPAN_STATES, type AnyRun } from './trace.js';

/**
 * A run as it crosses to another thread or process (the dashboard's emulations and exports):
 * spans and instants in typed columns, which cross as plain bytes. Cloning span objects instead
 * took seconds on the side that had to read or write them (≈ 3–7 µs a span on a loaded
 * machine), deaf to keys meanwhile; columns take ≈ 0.1 µs a span each way.
 */
export interface WireRun<R extends AnyRun = AnyRun> {
  run: Omit<R, 'spans' | 'instants'>;
  spanLane: Int32Array;
  spanState: Uint8Array;
  spanStartUs: Float64Array;
  spanEndUs: Float64Array;
  /** The span's core, or -1 for none. */
  spanCore: Int32Array;
  instantAtUs: Float64Array;
  instantLane: Int32Array;
}

/** The run's fields besides spans and instants, read without building either. */
function fieldsOf<R extends AnyRun>(whole: R): Omit<R, 'spans' | 'instants'> {
  const run: Partial<R> = {};
  for (const key of Object.keys(whole) as (keyof R)[]) if (key !== 'spans' && key !== 'instants') run[key] = whole[key];
  return run as Omit<R, 'spans' | 'instants'>;
}

export function toWire<R extends AnyRun>(whole: R): WireRun<R> {
  const columns = spanColumnsOf(whole);
  const instantColumns = instantColumnsOf(whole);
  if (columns && instantColumns) {
    // Copied, not shared: the wire's buffers are transferred, and the run keeps its own.
    const wire = emptyWire(fieldsOf(whole), columns.length, instantColumns.length);
    let at = 0;
    for (const segment of columns.segments) {
      const end = at + segment.length;
      wire.spanLane.fill(segment.lane, at, end);
      wire.spanState.set(segment.state.subarray(0, segment.length), at);
      wire.spanStartUs.set(segment.startUs.subarray(0, segment.length), at);
      wire.spanEndUs.set(segment.endUs.subarray(0, segment.length), at);
      wire.spanCore.set(segment.core.subarray(0, segment.length), at);
      at = end;
    }
    at = 0;
    for (const segment of instantColumns.segments) {
      wire.instantAtUs.set(segment.atUs.subarray(0, segment.length), at);
      wire.instantLane.set(segment.lane.subarray(0, segment.length), at);
      at += segment.length;
    }
    return wire;
  }
  const { spans, instants, ...run } = whole;
  const wire = emptyWire(run, spans.length, instants.length);
  spans.forEach((span, i) => {
    wire.spanLane[i] = span.lane;
    wire.spanState[i] = SPAN_STATES.indexOf(span.state);
    wire.spanStartUs[i] = span.startUs;
    wire.spanEndUs[i] = span.endUs;
    wire.spanCore[i] = span.core ?? NO_CORE;
  });
  instants.forEach((instant, i) => {
    wire.instantAtUs[i] = instant.atUs;
    wire.instantLane[i] = instant.lane;
  });
  return wire;
}

function emptyWire<R extends AnyRun>(run: Omit<R, 'spans' | 'instants'>, spans: number, instants: number): WireRun<R> {
  return {
    run,
    spanLane: new Int32Array(spans),
    spanState: new Uint8Array(spans),
    spanStartUs: new Float64Array(spans),
    spanEndUs: new Float64Array(spans),
    spanCore: new Int32Array(spans),
    instantAtUs: new Float64Array(instants),
    instantLane: new Int32Array(instants),
  };
}

/**
 * The run again, field for field as the emulator made it (the same JSON, byte for byte). Its
 * spans and instants are views of the wire's columns, made objects only when read.
 */
export function fromWire<R extends AnyRun>(wire: WireRun<R>): R {
  const segments: SpanSegment[] = [];
  const lanes = wire.spanLane;
  for (let start = 0; start < lanes.length; ) {
    let end = start + 1;
    while (end < lanes.length && lanes[end] === lanes[start]) end++;
    segments.push({
      lane: lanes[start]!,
      length: end - start,
      state: wire.spanState.subarray(start, end),
      startUs: wire.spanStartUs.subarray(start, end),
      endUs: wire.spanEndUs.subarray(start, end),
      core: wire.spanCore.subarray(start, end),
    });
    start = end;
  }
  const spans = spanColumns(segments);
  const instants = instantColumns([{ length: wire.instantAtUs.length, atUs: wire.instantAtUs, lane: wire.instantLane }]);
  return setColumns({ ...wire.run, spans: [], instants: [] } as unknown as R, spans, instants);
}

/** The buffers of a WireRun, to transfer (not copy) to a worker thread. */
export function wireBuffers(wire: WireRun): ArrayBuffer[] {
  const columns = [wire.spanLane, wire.spanState, wire.spanStartUs, wire.spanEndUs, wire.spanCore, wire.instantAtUs, wire.instantLane];
  return columns.map((column) => column.buffer as ArrayBuffer);
}
