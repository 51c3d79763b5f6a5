/**
 * The emulator's state at the end of an instant, as a list of values each tagged with how it may
 * move from one cycle of a steady state to the next (fast-forward.ts compares two such records and,
 * if the second is the first a period later, moves the state on by whole cycles).
 *
 * Every part of the state is visited by one method per owner (`visitSteadyState`), which both
 * records (capture) and writes back the extrapolated value (apply), so the list of what is read
 * and what is moved cannot drift apart. Values the run's future depends on only through equality
 * or order with each other (tokens, sequence numbers, switch numbers) are visited as relations
 * (`same(a - b)`) and left as they are: a skip keeps those relations, which is all that matters.
 */
export interface StateVisitor {
  /** Must be identical a period later (a state, a reference, a relation between counters). */
  same(value: unknown): void;
  /** An absolute time: moves with the clock, or stays where it is in the past (or at Infinity). */
  clock(us: number): number;
  /** A time still to come (a scheduled event): moves with the clock. */
  ahead(us: number): number;
  /** CPU work left: may shrink, and must stay far from running out (its comparisons then stay as they are). */
  work(us: number): number;
  /** When a thread's work would end if it ran on: must stay far ahead of the clock. */
  workEnd(us: number): number;
  /** A counter that only the run's figures read: moves on linearly. */
  count(n: number): number;
}

const SAME = 0;
const CLOCK = 1;
const AHEAD = 2;
const WORK = 3;
const WORK_END = 4;
const COUNT = 5;

/** One capture: the clock and the tagged values, in visiting order. */
export interface StateRecord {
  nowUs: number;
  kinds: number[];
  values: unknown[];
}

/** Records a state (capture). */
export class StateCapture implements StateVisitor {
  readonly record: StateRecord;

  constructor(nowUs: number) {
    this.record = { nowUs, kinds: [], values: [] };
  }

  same(value: unknown): void {
    this.push(SAME, value);
  }
  clock(us: number): number {
    return this.push(CLOCK, us);
  }
  ahead(us: number): number {
    return this.push(AHEAD, us);
  }
  work(us: number): number {
    return this.push(WORK, us);
  }
  workEnd(us: number): number {
    return this.push(WORK_END, us);
  }
  count(n: number): number {
    return this.push(COUNT, n);
  }

  private push(kind: number, value: unknown): number {
    this.record.kinds.push(kind);
    this.record.values.push(value);
    return value as number;
  }
}

/** Moves the state recorded as `to` on by `cycles` more periods of what led from `from` to it (apply). */
export class StateAdvance implements StateVisitor {
  private at = 0;

  constructor(
    private readonly from: StateRecord,
    private readonly to: StateRecord,
    private readonly cycles: number,
  ) {}

  same(): void {
    this.at++;
  }
  clock(): number {
    return this.next();
  }
  ahead(): number {
    return this.next();
  }
  work(): number {
    return this.next();
  }
  workEnd(): number {
    return this.next();
  }
  count(): number {
    return this.next();
  }

  /** Each value goes on as it went over the observed cycle: x + cycles × (x − x a period earlier). */
  private next(): number {
    const i = this.at++;
    const before = this.from.values[i] as number;
    const after = this.to.values[i] as number;
    return after === before ? after : after + this.cycles * (after - before);
  }
}

/** Largest time the emulator may reach by skipping: every sum of integer µs stays exact below it. */
const MAX_SAFE_US = 2 ** 50;

/**
 * How many more cycles like the one from `a` to `b` can be skipped, or 0 when `b` is not `a` a
 * period later. Besides the rules of each tag, every work value and work end must stay more than
 * `marginUs` plus twice the furthest scheduled time away after the skip and one cycle more: the
 * comparisons they take part in (a slice's end against its turn's end, a deferred slice end against
 * the next event) then come out as they did in the observed cycle.
 */
export function cyclesToSkip(a: StateRecord, b: StateRecord, marginUs: number): number {
  const periodUs = b.nowUs - a.nowUs;
  if (periodUs <= 0 || a.kinds.length !== b.kinds.length) return 0;
  let furthestUs = 0;
  for (let i = 0; i < b.kinds.length; i++) {
    const kind = b.kinds[i]!;
    if (kind !== a.kinds[i]) return 0;
    const before = a.values[i];
    const after = b.values[i];
    if (kind === SAME) {
      if (before !== after) return 0;
    } else if (kind === CLOCK || kind === AHEAD) {
      const moved = (after as number) - (before as number);
      const stays = after === before && kind === CLOCK && ((after as number) <= b.nowUs || after === Number.POSITIVE_INFINITY);
      if (!stays && moved !== periodUs) return 0;
      if (moved === periodUs && (after as number) - b.nowUs > furthestUs) furthestUs = (after as number) - b.nowUs;
    }
  }
  const farUs = marginUs + 2 * (periodUs + furthestUs);
  let cycles = Math.floor((MAX_SAFE_US - b.nowUs) / periodUs) - 1;
  let shrinks = false;
  for (let i = 0; i < b.kinds.length; i++) {
    const kind = b.kinds[i]!;
    if (kind !== WORK && kind !== WORK_END) continue;
    // A work end counts from the clock: how far ahead it is, and how that changes per cycle.
    const offsetA = kind === WORK ? 0 : a.nowUs;
    const offsetB = kind === WORK ? 0 : b.nowUs;
    const distanceUs = (b.values[i] as number) - offsetB;
    const changeUs = distanceUs - ((a.values[i] as number) - offsetA);
    if (distanceUs <= farUs) return 0;
    if (changeUs >= 0) continue;
    shrinks = true;
    // distance + (cycles + 1) × change must stay above farUs.
    cycles = Math.min(cycles, Math.floor((distanceUs - farUs) / -changeUs) - 1);
  }
  // A cycle in which no work shrinks makes no progress: nothing to gain, and no bound to trust.
  return shrinks && cycles > 0 ? cycles : 0;
}
