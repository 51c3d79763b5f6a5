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
 * Threads and tasks beyond which no fast-forward is tried: a capture visits every one, and a cycle
 * of N threads under one GIL spans N marks (2N + 2 captures kept), so the search would cost more
 * than the cycles it could skip.
 */
const MAX_THREADS = 16;
const MAX_TASKS = 64;

/**
 * Whether a run can be fast-forwarded: SJF picks the thread with the least work left, a comparison
 * between the values a skip moves; a GIL model that cannot visit its state (the old GIL, whose
 * races are drawn) is never taken as periodic; nor are runs too large to search.
 */
export function canFastForward(policy: Policy, gil: GilModel, threadCount: number, taskCount: number): boolean {
  return policy !== 'sjf' && gil.visitSteadyState !== undefined && threadCount <= MAX_THREADS && taskCount <= MAX_TASKS;
}

/** Captures without a match, per thread, after which only every other cycle mark is captured (then every 4th…). */
const TRIES_PER_THREAD = 4;

/**
 * An exact fast-forward of a periodic steady state, e.g. CPU-bound threads trading the GIL with
 * nothing else to happen: at each cycle mark (the end of an instant with a GIL hand-off, or with a
 * core changing hands in a run without any) the whole state is captured; when a capture is an earlier one a period later — every value the run depends on the
 * same, moved by the period, or a counter gone on — and no work can run out within the cycles
 * skipped (steady-state.ts: cyclesToSkip), those cycles are not simulated: their spans and
 * instants are copied from the observed cycle, each a period later, and the state is moved on by
 * whole periods (clock, event times, work left, counters). The run is the same, span for span;
 * only the events handled are fewer. A cycle in which anything but the OS and the GIL acted (a
 * phase ending, an arrival, a random draw) never matches, so every skipped input is periodic.
 */
export class FastForward {
  private history: { record: StateRecord; marks: number[] }[] = [];
  private readonly historyDepth: number;
  private progressSeen = -1;
  /** The run's hand-offs and context switches at the last instant's end. */
  private handoffsSeen = 0;
  private switchesSeen = 0;
  /** Cycle marks since the last progress, and every how many of them the state is captured. */
  private marks = 0;
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
  ) {
    // A cycle of N threads under one GIL spans N marks; twice that (two GILs' worth) are kept.
    this.historyDepth = 2 * threadCount + 2;
  }

  /**
   * An instant is over. If it was a cycle mark — the GIL changed hands, or a core did in a run
   * with no hand-off so far (threads without a GIL taking turns on a core) — capture the state,
   * and skip if it went round a cycle.
   */
  atInstantEnd(): void {
    const { gilHandoffs, contextSwitches } = this.log;
    const mark = gilHandoffs !== this.handoffsSeen || (gilHandoffs === 0 && contextSwitches !== this.switchesSeen);
    this.handoffsSeen = gilHandoffs;
    this.switchesSeen = contextSwitches;
    if (mark) this.atCycleMark();
  }

  private atCycleMark(): void {
    const host = this.host;
    if (host.progress !== this.progressSeen) {
      this.progressSeen = host.progress;
      this.history = [];
      this.marks = 0;
      this.stride = 1;
      this.tries = 0;
      this.skipped = false;
    }
    // No capture until as many marks have passed without progress as a cycle may span, twice: a
    // run whose tasks change course every few marks (phases of I/O and CPU) captures nothing.
    if (this.skipped || this.marks++ < this.historyDepth) return;
    // A run that is not (yet) periodic, e.g. until a stale event far ahead has been popped, costs
    // a capture per mark: the captures thin out as it goes on, to O(log marks) of them. A period
    // of p marks still shows between two captures p × stride marks apart.
    if (this.marks % this.stride !== 0) return;
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
    if (this.history.length > this.historyDepth) this.history.shift();
  }
}
