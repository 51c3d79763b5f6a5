import {
  isRepeat,
  partLength,
  writeInstantRepeat,
  writeSpanRepeat,
  type InstantPart,
  type InstantRepeat,
  type SpanPart,
  type SpanRepeat,
} from './column-repeats.js';
import { SPAN_STATES, type Instant, type Span } from './trace.js';

/**
 * Spans and instants in typed columns: how the emulator keeps a run (≈ 21 B a span instead of
 * ≈ 100 B and a garbage-collected object each). Span objects are made only where a consumer reads
 * `run.spans` (the UI, exports, JSON): the run's `spans` and `instants` are lazy accessors that
 * build the arrays once, on first read. Metrics and the wire read the columns.
 */

/** Core number stored for spans that have none. */
export const NO_CORE = -1;

/** A span state's position in SPAN_STATES: what a state column holds. */
export const STATE_INDEX: Readonly<Record<Span['state'], number>> = Object.fromEntries(SPAN_STATES.map((state, i) => [state, i])) as Record<
  Span['state'],
  number
>;

/** Consecutive spans of one lane, in time order. */
export interface SpanSegment {
  lane: number;
  /** Spans in use (the columns may be longer). */
  length: number;
  /** Positions in SPAN_STATES. */
  state: Uint8Array;
  startUs: Float64Array;
  endUs: Float64Array;
  /** The core, or NO_CORE. */
  core: Int32Array;
}

/**
 * A run's spans, lane by lane, each lane's in time order (the order of `run.spans`): as recorded
 * (`parts`: segments, and the cycles a fast-forward skipped, not written out) and as segments
 * only (written out on first read).
 */
export interface SpanColumns {
  readonly parts: readonly SpanPart[];
  readonly segments: readonly SpanSegment[];
  /** Spans over all parts. */
  readonly length: number;
}

/** Consecutive instants, in time order. */
export interface InstantSegment {
  length: number;
  atUs: Float64Array;
  lane: Int32Array;
}

/** A run's instants (GIL hand-offs, the only kind), in time order, as recorded and as segments only. */
export interface InstantColumns {
  readonly parts: readonly InstantPart[];
  readonly segments: readonly InstantSegment[];
  readonly length: number;
}

/** Columns of `parts`, whose repeats are written out when `segments` is first read. */
export function spanColumns(parts: readonly SpanPart[]): SpanColumns {
  return columnsOf(parts, writeSpanRepeat);
}

export function instantColumns(parts: readonly InstantPart[]): InstantColumns {
  return columnsOf(parts, writeInstantRepeat);
}

function columnsOf<S extends SpanSegment | InstantSegment, R extends SpanRepeat | InstantRepeat>(parts: readonly (S | R)[], write: (repeat: R) => S) {
  // Written out at most once, and never when nothing repeats.
  let segments = parts.some(isRepeat) ? undefined : (parts as readonly S[]);
  return {
    parts,
    length: parts.reduce((sum, part) => sum + partLength(part), 0),
    get segments(): readonly S[] {
      segments ??= parts.map((part) => (isRepeat(part) ? write(part as R) : (part as S)));
      return segments;
    },
  };
}

/** Span objects, in the recorder's one shape (`core` present, undefined when none: JSON omits it). */
export function spansOf(columns: SpanColumns): Span[] {
  // Preallocated and filled by a plain loop: a growing array would copy millions of spans.
  const spans = new Array<Span>(columns.length);
  let at = 0;
  for (const { lane, length, state, startUs, endUs, core } of columns.segments) {
    for (let i = 0; i < length; i++) {
      const onCore = core[i]!;
      spans[at++] = { lane, state: SPAN_STATES[state[i]!]!, startUs: startUs[i]!, endUs: endUs[i]!, core: onCore === NO_CORE ? undefined : onCore };
    }
  }
  return spans;
}

export function instantsOf(columns: InstantColumns): Instant[] {
  const instants = new Array<Instant>(columns.length);
  let at = 0;
  for (const { length, atUs, lane } of columns.segments) {
    for (let i = 0; i < length; i++) instants[at++] = { kind: 'gil-handoff', atUs: atUs[i]!, lane: lane[i]! };
  }
  return instants;
}

/** The columns a run was made from, while its `spans` and `instants` have not been read. */
const COLUMNS = Symbol('columns');

interface Columnar {
  [COLUMNS]?: { spans: SpanColumns; instants: InstantColumns };
}

/**
 * Gives `run` lazy `spans` and `instants` built from columns on first read (either one builds
 * both, and the columns are dropped: the arrays become the run's one record). The properties
 * stay where they are in the object, so JSON keeps its key order; assigning one replaces it.
 */
export function setColumns<R extends { spans: Span[]; instants: Instant[] }>(run: R, spans: SpanColumns, instants: InstantColumns): R {
  // Hidden from spreads, JSON and deep equality: a copy made with `{ ...run }` reads the arrays.
  Object.defineProperty(run, COLUMNS, { value: { spans, instants }, configurable: true, writable: true, enumerable: false });
  const materialise = (target: R): void => {
    const columns = (target as Columnar)[COLUMNS];
    if (!columns) return;
    delete (target as Columnar)[COLUMNS];
    define(target, 'spans', spansOf(columns.spans));
    define(target, 'instants', instantsOf(columns.instants));
  };
  for (const key of ['spans', 'instants'] as const) {
    Object.defineProperty(run, key, {
      configurable: true,
      enumerable: true,
      get(this: R) {
        if (!(this as Columnar)[COLUMNS]) throw new Error(`run.${key}: its columns are gone`);
        materialise(this);
        return this[key];
      },
      set(this: R, value: R[typeof key]) {
        materialise(this);
        define(this, key, value);
      },
    });
  }
  return run;
}

function define(target: object, key: 'spans' | 'instants', value: unknown): void {
  Object.defineProperty(target, key, { value, configurable: true, enumerable: true, writable: true });
}

/** The run's span columns, if its `spans` have not been read yet (else undefined: read the array). */
export function spanColumnsOf(run: object): SpanColumns | undefined {
  return (run as Columnar)[COLUMNS]?.spans;
}

/** The run's instant columns, if its `instants` have not been read yet. */
export function instantColumnsOf(run: object): InstantColumns | undefined {
  return (run as Columnar)[COLUMNS]?.instants;
}

/**
 * Spans as columns for a scan: one segment per lane below `laneCount`, each lane's spans in the
 * order given (spans of other lanes are left out). Real runs have few spans; this lets one scan
 * read every source the same way.
 */
export function columnsFromSpans(spans: readonly Span[], laneCount: number): SpanColumns {
  const counts = new Array<number>(laneCount).fill(0);
  for (const span of spans) if (span.lane >= 0 && span.lane < laneCount) counts[span.lane]!++;
  const segments = counts.map(
    (count, lane): SpanSegment => ({
      lane,
      length: 0,
      state: new Uint8Array(count),
      startUs: new Float64Array(count),
      endUs: new Float64Array(count),
      core: new Int32Array(count),
    }),
  );
  for (const span of spans) {
    const segment = segments[span.lane];
    if (segment === undefined) continue;
    const at = segment.length++;
    segment.state[at] = STATE_INDEX[span.state];
    segment.startUs[at] = span.startUs;
    segment.endUs[at] = span.endUs;
    segment.core[at] = span.core ?? NO_CORE;
  }
  return spanColumns(segments);
}

/** The run's GIL hand-offs as columns: its own while it has them, else from its instants. */
export function handoffColumnsOf(run: { instants: readonly Instant[] }): InstantColumns {
  const columns = instantColumnsOf(run);
  if (columns) return columns;
  const handoffs = run.instants.filter((instant) => instant.kind === 'gil-handoff');
  const segment = {
    length: handoffs.length,
    atUs: Float64Array.from(handoffs, (instant) => instant.atUs),
    lane: Int32Array.from(handoffs, (instant) => instant.lane),
  };
  return instantColumns([segment]);
}
