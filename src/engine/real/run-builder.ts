import { limitRunning } from '../core-limit.js';
import { countersOf, crowdedUsOfRun, type MachineWindow } from '../crowding.js';
import { metricsFromSpans, taskMetrics, utilization } from '../metrics.js';
import type { RealRun } from '../runs.js';
import type { Lane, Span } from '../trace.js';
import { LaneSpans } from './lane-spans.js';
import type { SampleSource, SchedSample } from './procfs.js';
import { realBusyUs } from './real-busy.js';
import type { RealSetup } from './real-setup.js';
import type { RealStrategy } from './strategy-context.js';
import type { TransitionLog } from './transition-log.js';

/**
 * The sampler's key for the thread that samples and takes the run's messages (not a lane): its
 * CPU is the tool's, not another program's (crowding.ts).
 */
export const TOOL_THREAD = -1;

/** What a run is, besides what its lanes did. */
export interface RunIdentity {
  strategy: RealStrategy;
  setup: RealSetup;
  cores: number;
}

/**
 * Turns a transition log and the kernel's samples into the Run so far, as often as a frame
 * asks: each lane keeps what has settled (lane-spans.ts), so a build costs what arrived since
 * the last one, plus copying references into the new Run's arrays (a Run is never changed once
 * handed out). Pure: no clock, no I/O; the same log, samples and `nowUs` give the same Run.
 */
export class RunBuilder {
  private readonly laneSpans: LaneSpans[];

  constructor(
    private readonly identity: RunIdentity,
    private readonly log: TransitionLog,
    private readonly sampler: SampleSource,
  ) {
    this.laneSpans = Array.from({ length: log.laneCount }, (_, lane) => new LaneSpans(lane));
  }

  /** Transitions and samples the last build read, over all lanes (what "incremental" means). */
  get lastWork(): number {
    return this.laneSpans.reduce((sum, lane) => sum + lane.lastWork, 0);
  }

  /** The run as of `nowUs`, with `lanes` as they are named now. */
  build(lanes: readonly Lane[], nowUs: number): RealRun {
    const spans: Span[] = [];
    const spawns: [number, number][] = [];
    let runningUs = 0;
    const tasks = lanes.map((lane, i) => {
      const built = this.laneSpans[i]!;
      const laneLog = this.log.lane(i);
      built.update(laneLog, this.sampler, nowUs);
      built.appendTo(spans);
      spawns.push(...built.settledSpawns);
      for (const span of built.tail) if (span.state === 'spawn') spawns.push([span.startUs, span.endUs]);
      const totals = built.totals();
      runningUs += totals.cpuUs;
      const metrics = taskMetrics(lane, totals);
      const error = laneLog.end?.error;
      return error ? { ...metrics, error: error.message } : metrics;
    });
    const { strategy, setup, cores } = this.identity;
    // Never more lanes running than cores granted: where sampling blurs it, the figures follow the picture.
    const limited = limitRunning(spans, cores);
    if (limited.changed) {
      const fromSpans = metricsFromSpans(lanes, limited.spans);
      runningUs = fromSpans.tasks.reduce((sum, task) => sum + task.cpuUs, 0);
      fromSpans.tasks.forEach((task, i) => (tasks[i] = tasks[i]!.error === undefined ? task : { ...task, error: tasks[i]!.error }));
    }
    const elapsedUs = tasks.reduce((max, task) => Math.max(max, task.finishUs), 0);
    return {
      source: 'real',
      strategy,
      elapsedUs,
      cpuUtilization: Math.min(1, utilization(realBusyUs(runningUs, spawns), cores, elapsedUs)),
      contextSwitches: this.contextSwitches(lanes.length),
      gilHandoffs: this.log.gilTakes.count(),
      speedupVsSequential: null,
      cores,
      setup,
      tasks,
      lanes: lanes.map((lane) => ({ ...lane })),
      spans: limited.spans,
      instants: this.log.gilTakes.instants(),
    };
  }

  /**
   * CPU other programs took from the run's threads while they were ready for it (crowding.ts),
   * each thread once: the lanes an event loop or a pool thread shares are one thread's samples;
   * `spans`' start-ups (before a lane's thread is sampled) count as the run's own CPU.
   * It reads every sample, so a session asks it once, of the finished run.
   */
  crowdedUs(laneCount: number, spans: readonly Span[], machine?: MachineWindow): number {
    const byThread = new Map<number, SchedSample[]>();
    for (let lane = 0; lane < laneCount; lane++) {
      const tid = this.sampler.threadOf(lane);
      if (tid !== undefined) byThread.set(tid, [...(byThread.get(tid) ?? []), ...this.sampler.samples(lane)]);
    }
    const threads = [...byThread.values()].map((samples) => countersOf(samples.sort((a, b) => a.atUs - b.atUs)));
    return crowdedUsOfRun(threads, this.identity.cores, [countersOf(this.sampler.samples(TOOL_THREAD))], spans, machine);
  }

  /**
   * Timeslices the kernel gave the run's threads; a thread shared by lanes is counted once.
   * The counters only grow, so each lane's first and last samples bound its thread's range.
   */
  private contextSwitches(laneCount: number): number {
    const range = new Map<number, { min: number; max: number }>();
    for (let lane = 0; lane < laneCount; lane++) {
      const samples = this.sampler.samples(lane);
      const tid = this.sampler.threadOf(lane);
      if (tid === undefined || samples.length === 0) continue;
      const first = samples[0]!.timeslices;
      const last = samples.at(-1)!.timeslices;
      const seen = range.get(tid);
      range.set(tid, seen ? { min: Math.min(seen.min, first), max: Math.max(seen.max, last) } : { min: first, max: last });
    }
    let total = 0;
    for (const { min, max } of range.values()) total += max - min;
    return total;
  }
}
