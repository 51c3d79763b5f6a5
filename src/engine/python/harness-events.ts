import { assertNever } from '../assert-never.js';

/**
 * The events the Python harness (src/workloads/python/harness.py) sends, one JSON line each, on
 * CLOCK_MONOTONIC (`ns`) — the clock `process.hrtime` reads, so samples and events share one axis.
 */

/** What a phase of a task is doing, as the harness announces it. */
export type PhaseKind = 'cpu' | 'io' | 'compress';

interface Stamped {
  /** The lane (task index); -1 for events of the run itself. */
  lane: number;
  pid: number;
  /** The OS thread that sent it (`/proc/<pid>/task/<tid>`), when the interpreter could tell. */
  tid: number | null;
  ns: bigint;
}

export type HarnessEvent = Stamped &
  (
    | { ev: 'begin' }
    | { ev: 'spawn' }
    | { ev: 'start'; first: boolean }
    | { ev: 'phase'; kind: PhaseKind /** Planned I/O time (sleep, query delay). */; plannedUs: number | null }
    | { ev: 'done'; result: string }
    | { ev: 'error'; message: string }
    | { ev: 'exit'; code: number }
  );

const PHASE_KINDS: ReadonlySet<string> = new Set<PhaseKind>(['cpu', 'io', 'compress']);

type EventName = HarnessEvent['ev'];
const EVENT_NAMES: ReadonlySet<string> = new Set<EventName>(['begin', 'spawn', 'start', 'phase', 'done', 'error', 'exit']);

/**
 * Parses one line from the harness. Throws on anything else: the harness is ours, so a line we
 * cannot read is a bug to report, not data to skip.
 */
export function parseHarnessEvent(line: string): HarnessEvent {
  const data = JSON.parse(line) as Record<string, unknown>;
  const stamped: Stamped = {
    lane: integer(data.lane, 'lane'),
    pid: integer(data.pid, 'pid'),
    tid: data.tid === null || data.tid === undefined ? null : integer(data.tid, 'tid'),
    ns: BigInt(integer(data.ns, 'ns')),
  };
  if (!EVENT_NAMES.has(String(data.ev))) throw new Error(`harness: unknown event ${JSON.stringify(data.ev)}`);
  const ev = data.ev as EventName;
  switch (ev) {
    case 'begin':
    case 'spawn':
      return { ...stamped, ev };
    case 'start':
      return { ...stamped, ev: 'start', first: data.first === true };
    case 'phase': {
      const kind = String(data.kind);
      if (!PHASE_KINDS.has(kind)) throw new Error(`harness: unknown phase kind ${JSON.stringify(data.kind)}`);
      return { ...stamped, ev: 'phase', kind: kind as PhaseKind, plannedUs: data.us === undefined ? null : integer(data.us, 'us') };
    }
    case 'done':
      return { ...stamped, ev: 'done', result: String(data.result) };
    case 'error':
      return { ...stamped, ev: 'error', message: String(data.message) };
    case 'exit':
      return { ...stamped, ev: 'exit', code: integer(data.code, 'code') };
    default:
      return assertNever(ev, 'harness event');
  }
}

function integer(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`harness: ${field} is not an integer: ${JSON.stringify(value)}`);
  return value;
}
