import { createPrng } from '../emulator/prng.js';
import type { Run } from '../runs.js';
import type { Instant, Span, SpanState } from '../trace.js';
import { classifyThread, handoffs } from './classify.js';
import { SAMPLE_PERIOD_US } from './sample-period.js';
import { SampleSeries } from './sample-series.js';

/**
 * An emulated run as verify's real side would have seen it: each thread read every sampling
 * period, its samples classified and its hand-offs found by the very code that reads a real
 * interpreter (classify.ts). A figure taken from this view and the same figure from a real run
 * are measured alike, down to the sampler's resolution: PyPy's 0.4 ms holds at a 1 ms switch
 * interval, for one, read as ~1 ms on both sides, since no sampler sees a turn shorter than
 * its period.
 */

const SAMPLE_LATENESS_US: readonly [number, number] = [50, 150];

export interface SampledView {
  spans: Span[];
  /** The GIL's hand-offs as the samples show them (one process: a thread per lane), as a run's instants. */
  instants: Instant[];
}

/** The sampled, reclassified view of `run`, whose lanes are threads of one process (the threads strategy). */
export function throughSampler(run: Run, seed = 1): SampledView {
  const random = createPrng(seed);
  const spans: Span[] = [];
  for (const lane of run.lanes) {
    const own = run.spans.filter((span) => span.lane === lane.id && span.endUs > span.startUs).sort((a, b) => a.startUs - b.startUs);
    if (own.length === 0) continue;
    // The sampler follows a thread from its first report to its exit.
    const fromUs = own[0]!.startUs;
    const toUs = own.at(-1)!.endUs;
    const samples = sampleLane(own, fromUs, toUs, random);
    spans.push(...classifyThread(lane.id, samples, fromUs, toUs, 'running'));
  }
  const instants = handoffs(spans, (lane) => lane).map(({ atUs, lane }): Instant => ({ kind: 'gil-handoff', atUs, lane }));
  return { spans, instants };
}

/** Time lane `lane` of the view spent in `state`, in µs. */
export function sampledTimeUs(view: SampledView, lane: number, state: SpanState): number {
  return view.spans.filter((span) => span.lane === lane && span.state === state).reduce((sum, span) => sum + span.endUs - span.startUs, 0);
}

/**
 * What /proc would have said of one lane at each sampling instant: cumulative on-CPU and
 * run-queue time, slices begun, and whether it was runnable or asleep on the GIL (the state
 * the kernel reports then). Exact counters: the real sampler's front-loading only undoes this
 * kernel's lumpy crediting, which an emulated thread does not have.
 */
function sampleLane(spans: readonly Span[], fromUs: number, toUs: number, random: () => number): SampleSeries {
  const samples = new SampleSeries();
  let onCpuUs = 0;
  let runQueueUs = 0;
  let timeslices = 0;
  let index = 0;
  let previous: SpanState | null = null;
  const [late, later] = SAMPLE_LATENESS_US;
  for (let atUs = fromUs; atUs <= toUs; atUs += SAMPLE_PERIOD_US + late + Math.floor(random() * (later - late))) {
    // Spans before atUs count whole; the one around atUs counts up to atUs and gives the state.
    while (index < spans.length && spans[index]!.endUs <= atUs) {
      count(spans[index]!, spans[index]!.endUs);
      index++;
    }
    const current = spans[index];
    const state = current !== undefined && current.startUs <= atUs ? current.state : 'io';
    const partial = current !== undefined && current.startUs < atUs ? atUs - current.startUs : 0;
    const onCpu = onCpuUs + (state === 'running' ? partial : 0);
    const runQueue = runQueueUs + (state === 'ready' ? partial : 0);
    const slices = timeslices + (state === 'running' && previous !== 'running' && partial > 0 ? 1 : 0);
    samples.push(atUs, onCpu * 1_000, runQueue * 1_000, slices, state === 'running' || state === 'ready', state === 'gil-wait');
  }
  return samples;

  function count(span: Span, untilUs: number): void {
    const us = untilUs - span.startUs;
    if (span.state === 'running') {
      onCpuUs += us;
      if (previous !== 'running') timeslices++;
    } else if (span.state === 'ready') runQueueUs += us;
    previous = span.state;
  }
}
