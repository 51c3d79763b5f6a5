import { SPAN_STATES, type AnyRun, type Instant, type Span } from './trace.js';

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

const NO_CORE = -1;

export function toWire<R extends AnyRun>(whole: R): WireRun<R> {
  const { spans, instants, ...run } = whole;
  const wire: WireRun<R> = {
    run,
    spanLane: new Int32Array(spans.length),
    spanState: new Uint8Array(spans.length),
    spanStartUs: new Float64Array(spans.length),
    spanEndUs: new Float64Array(spans.length),
    spanCore: new Int32Array(spans.length),
    instantAtUs: new Float64Array(instants.length),
    instantLane: new Int32Array(instants.length),
  };
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

/** The run again, field for field as the emulator made it (the same JSON, byte for byte). */
export function fromWire<R extends AnyRun>(wire: WireRun<R>): R {
  const spans = new Array<Span>(wire.spanLane.length);
  for (let i = 0; i < spans.length; i++) {
    const core = wire.spanCore[i]!;
    // The recorder's shape: `core` present, undefined when none.
    spans[i] = {
      lane: wire.spanLane[i]!,
      state: SPAN_STATES[wire.spanState[i]!]!,
      startUs: wire.spanStartUs[i]!,
      endUs: wire.spanEndUs[i]!,
      core: core === NO_CORE ? undefined : core,
    };
  }
  const instants = new Array<Instant>(wire.instantAtUs.length);
  // Instants have one kind: a GIL hand-off.
  for (let i = 0; i < instants.length; i++) instants[i] = { kind: 'gil-handoff', atUs: wire.instantAtUs[i]!, lane: wire.instantLane[i]! };
  return { ...wire.run, spans, instants } as unknown as R;
}

/** The buffers of a WireRun, to transfer (not copy) to a worker thread. */
export function wireBuffers(wire: WireRun): ArrayBuffer[] {
  const columns = [wire.spanLane, wire.spanState, wire.spanStartUs, wire.spanEndUs, wire.spanCore, wire.instantAtUs, wire.instantLane];
  return columns.map((column) => column.buffer as ArrayBuffer);
}
