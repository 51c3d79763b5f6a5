import type { InstantSegment, SpanSegment } from './span-columns.js';

/**
 * The cycles a fast-forward skipped (emulator/fast-forward.ts), kept as one period of spans or
 * instants and a count: `cycles` copies of `block`, the first `periodUs` after the block's own
 * times, each next one `periodUs` later. They are written out as columns only when someone reads
 * the spans one by one (the UI, an export, the wire); the figures (span-totals.ts,
 * hold-columns.ts) take them in closed form. `emulate --scenario count` wrote 25,000 spans it
 * then only summed, on the first run of a process, in V8's interpreter.
 */
export interface SpanRepeat {
  lane: number;
  /** One period of the lane's spans, as recorded before the skip. */
  block: SpanSegment;
  cycles: number;
  periodUs: number;
}

/** Skipped cycles of the GIL's hand-offs. */
export interface InstantRepeat {
  block: InstantSegment;
  cycles: number;
  periodUs: number;
}

/** Spans as recorded: a segment, or a repeat not written out. */
export type SpanPart = SpanSegment | SpanRepeat;
export type InstantPart = InstantSegment | InstantRepeat;

export function isRepeat(part: SpanPart | InstantPart): part is SpanRepeat | InstantRepeat {
  return 'cycles' in part;
}

/** How many spans or instants the part stands for. */
export function partLength(part: SpanPart | InstantPart): number {
  return isRepeat(part) ? part.block.length * part.cycles : part.length;
}

/**
 * The repeat's spans as one segment. One loop writes the times; the states and cores, which
 * repeat as they are, are written for one period and then doubled natively (copyWithin).
 */
export function writeSpanRepeat({ lane, block, cycles, periodUs }: SpanRepeat): SpanSegment {
  const size = block.length;
  const length = size * cycles;
  const segment: SpanSegment = {
    lane,
    length,
    state: new Uint8Array(length),
    startUs: new Float64Array(length),
    endUs: new Float64Array(length),
    core: new Int32Array(length),
  };
  repeatedPeriods(block.state, size, segment.state);
  repeatedPeriods(block.core, size, segment.core);
  shiftedCopies(block.startUs, size, cycles, periodUs, segment.startUs);
  shiftedCopies(block.endUs, size, cycles, periodUs, segment.endUs);
  return segment;
}

export function writeInstantRepeat({ block, cycles, periodUs }: InstantRepeat): InstantSegment {
  const size = block.length;
  const length = size * cycles;
  const segment: InstantSegment = { length, atUs: new Float64Array(length), lane: new Int32Array(length) };
  repeatedPeriods(block.lane, size, segment.lane);
  shiftedCopies(block.atUs, size, cycles, periodUs, segment.atUs);
  return segment;
}

/** Fills `into` with copies of the first `size` values: one period written, then doubled natively. */
function repeatedPeriods<T extends Uint8Array | Int32Array>(values: T, size: number, into: T): void {
  into.set(values.subarray(0, size));
  for (let filled = size; filled < into.length; filled *= 2) into.copyWithin(filled, 0, Math.min(filled, into.length - filled));
}

/** Writes `cycles` copies of the first `size` times, the k-th (from 1) `k × periodUs` later. */
function shiftedCopies(times: Float64Array, size: number, cycles: number, periodUs: number, into: Float64Array): void {
  let at = 0;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const shiftUs = cycle * periodUs;
    for (let i = 0; i < size; i++) into[at++] = times[i]! + shiftUs;
  }
}
