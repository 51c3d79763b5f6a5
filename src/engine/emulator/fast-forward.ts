import type { Policy } from './params.js';
import type { GilModel } from './gil-model.js';
import type { RunLog } from './run-log.js';
import { cyclesToSkip, StateAdvance, StateCapture, type StateRecord, type StateVisitor } from './steady-state.js';

/** What the fast-forward needs of the kernel. */
export interface SteadyStateHost {
  readonly nowUs: number;
  /** Counts what may change a task's course (a phase ending, an arrival): no cycle is taken across a change. */
  readonly progress: number;
  /** Visits every part of the emulator's state that the rest of the run depends on (steady-state.ts). */
  visitSteadyState(s: StateVisitor): void;
}

/**
 * Whether a run under this policy and GIL model can be fast-forwarded: SJF picks the thread with
 * the least work left, a comparison between the values a skip moves; a GIL model that cannot
 * visit its state (old GIL, PyPy: races and polls of their own) is never taken as periodic.
 */
export function canFastForward(policy: Policy, gil: GilModel): boolean {
  return policy !== 'sjf' && gil.visitSteadyState !== undefined;
}

/** Captures without a match, per thread, after which only every other hand-off is captured (then every 4th…). */
const TRIES_PER_THREAD = 4;

/**
 * An exact fast-forward of a periodic steady state, e.g. CPU-bound threads trading the GIL with
 * nothing else to happen: at each GIL hand-off (the end of its instant) the whole state is
 * captured; when a capture is an earlier one a period later — every value the run depends on the
 * same, moved by the period, or a counter gone on — and no work can run out within the cycles
 * skipped (steady-state.ts: cyclesToSkip), those cycles are not simulated: their spans and
 * instants are copied from the observed cycle, each a period later, and the state is moved on by
 * whole periods (clock, event times, work left, counters). The run is the same, span for span;
 * only the events handled are fewer. A cycle in which anything but the OS and the GIL acted (a
 * phase ending, an arrival, a random draw) never matches, so every skipped input is periodic.
 */
export class FastForward {
  private history: { record: StateRecord; marks: number[] }[] = [];
  private progressSeen = -1;
  /** Hand-offs since the last progress, and every how many of them the state is captured. */
  private handoffs = 0;
  private stride = 1;
  private tries = 0;
  /** A skip went as far as the work left allows: no other can, until a task's course changes. */
  private skipped = false;

  constructor(
    private readonly host: SteadyStateHost,
    /** Where the spans and instants go: the skipped cycles' are copied there. */
    private readonly log: RunLog,
    private readonly laneCount: number,
    private readonly threadCount: number,
    /** Slack for comparisons with times the state does not hold (a turn's or a timed wait's end). */
    private readonly marginUs: number,
  ) {}

  /** A hand-off's instant is over: capture, and skip if the state went round a cycle. */
  atHandoff(): void {
    const host = this.host;
    if (host.progress !== this.progressSeen) {
      this.progressSeen = host.progress;
      this.history = [];
      this.handoffs = 0;
      this.stride = 1;
      this.tries = 0;
      this.skipped = false;
    }
    if (this.skipped) return;
    // A run that is not (yet) periodic, e.g. until a stale event far ahead has been popped, costs
    // a capture per hand-off: the captures thin out as it goes on, to O(log hand-offs) of them. A
    // period of p hand-offs still shows between two captures p × stride hand-offs apart.
    if (this.handoffs++ % this.stride !== 0) return;
    if (++this.tries > TRIES_PER_THREAD * (this.threadCount + 1)) {
      this.stride *= 2;
      this.tries = 0;
      this.history = [];
    }
    const capture = new StateCapture(host.nowUs);
    host.visitSteadyState(capture);
    const record = capture.record;
    const marks = this.log.marks(this.laneCount);
    // The shortest period first: the most recent capture that the state repeats.
    for (let i = this.history.length - 1; i >= 0; i--) {
      const earlier = this.history[i]!;
      const cycles = cyclesToSkip(earlier.record, record, this.marginUs);
      if (cycles === 0) continue;
      this.log.repeat(earlier.marks, marks, cycles, record.nowUs - earlier.record.nowUs);
      host.visitSteadyState(new StateAdvance(earlier.record, record, cycles));
      this.history = [];
      this.skipped = true;
      return;
    }
    this.history.push({ record, marks });
    // A cycle of N threads under one GIL spans N hand-offs; twice that is kept, for two GILs' worth.
    if (this.history.length > 2 * this.threadCount + 2) this.history.shift();
  }
}
