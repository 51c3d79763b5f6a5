import type { Span, SpanState } from '../trace.js';
import { classifyThread } from './classify.js';
import type { PhaseKind } from './harness-events.js';
import type { SampleView } from './sample-series.js';
import { assertNever } from '../assert-never.js';
import type { EmulatedStrategy } from '../emulator/params.js';
import { strategyOf } from '../registry/strategies.js';

/** What one lane reported, in µs from the run's start, oldest first. */
export type LaneEvent =
  | { type: 'spawn'; atUs: number }
  | { type: 'start'; atUs: number; first: boolean }
  | { type: 'phase'; atUs: number; kind: PhaseKind; plannedUs: number | null }
  | { type: 'end'; atUs: number; ok: boolean };

/**
 * A lane's spans from its events and its thread's schedstat samples, up to `nowUs` when it has
 * not ended. Before its start the lane waits: `spawn` while its new thread or process starts (a
 * pool's first job only), `ready` while it waits for its turn. A CPU phase is classified from
 * the samples (running / ready / gil-wait); an I/O phase is `io` for its planned time and, past
 * that, classified too: a thread back from I/O waits there for the GIL (or still for its socket).
 */
export function laneSpans(lane: number, arrivalUs: number, events: readonly LaneEvent[], samples: SampleView, nowUs: number): Span[] {
  const spans: Span[] = [];
  const add = (state: SpanState, startUs: number, endUs: number) => {
    if (endUs > startUs) spans.push({ lane, state, startUs, endUs });
  };
  const end = events.find((event) => event.type === 'end');
  const stopUs = end?.atUs ?? nowUs;
  const spawn = events.find((event) => event.type === 'spawn');
  const start = events.find((event): event is Extract<LaneEvent, { type: 'start' }> => event.type === 'start');
  const startUs = start?.atUs ?? stopUs;
  if (spawn) {
    add('ready', arrivalUs, spawn.atUs);
    add(start?.first ? 'spawn' : 'ready', spawn.atUs, startUs);
  } else add('ready', arrivalUs, startUs);
  if (start) {
    const phases = events.filter((event): event is Extract<LaneEvent, { type: 'phase' }> => event.type === 'phase');
    // Between its start and its first phase the task runs Python code (a few µs).
    spans.push(...classifyThread(lane, samples, startUs, phases[0]?.atUs ?? stopUs, 'running'));
    phases.forEach((phase, i) => {
      const phaseEndUs = Math.max(phase.atUs, phases[i + 1]?.atUs ?? stopUs);
      const wantsFromUs = phase.kind === 'io' ? Math.min(phaseEndUs, phase.atUs + (phase.plannedUs ?? phaseEndUs - phase.atUs)) : phase.atUs;
      add('io', phase.atUs, wantsFromUs);
      spans.push(...classifyThread(lane, samples, wantsFromUs, phaseEndUs, phase.kind === 'io' ? 'io' : 'running'));
    });
  }
  if (end) spans.push({ lane, state: end.ok ? 'done' : 'failed', startUs: end.atUs, endUs: end.atUs });
  return mergeAdjacent(spans);
}

function mergeAdjacent(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && previous.state === span.state && previous.endUs === span.startUs && span.endUs > span.startUs) previous.endUs = span.endUs;
    else merged.push({ ...span });
  }
  return merged;
}

/** The group a lane is drawn in: the thread or process that ran it. */
export function groupOf(strategy: EmulatedStrategy, pid: number, tid: number | null): string {
  const executor = strategyOf(strategy).runsOn;
  switch (executor) {
    case 'main-thread':
      return 'main';
    case 'event-loop':
      return 'loop';
    case 'threads':
      return `T${tid ?? '?'}`;
    case 'processes':
      return `P${pid}`;
    case 'interpreters':
      return `I${tid ?? '?'}`;
    default:
      return assertNever(executor, 'Python executor');
  }
}
