import { SPAN_STATES, type EmulatedRun, type Instant, type Span } from '../engine/index.js';

/**
 * Most spans of one run the dashboard takes from its emulation process: turning columns back
 * into span objects costs ≈ 0.1 µs a span here, and every frame scans them. Beyond it, the run
 * is refused with the limit named, as an export is.
 */
export const MAX_DRAWN_SPANS = 1_000_000;

/**
 * An emulated run as it crosses from the emulation process: spans and instants in typed
 * columns, which cross as plain bytes. Cloning millions of span objects instead took seconds on
 * the receiving side (≈ 7 µs a span on a loaded machine), deaf to keys meanwhile.
 */
export interface WireRun {
  run: Omit<EmulatedRun, 'spans' | 'instants'>;
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

export function toWire({ spans, instants, ...run }: EmulatedRun): WireRun {
  const wire: WireRun = {
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
export function fromWire(wire: WireRun): EmulatedRun {
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
  return { ...wire.run, spans, instants };
}
