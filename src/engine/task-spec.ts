import { MAX_DURATION_US, parseDuration } from './duration.js';
import { UsageError } from './errors.js';
import { quote } from './quote.js';

/** One step of a task: compute on a core, or block on I/O (a sleep, a socket). */
export interface Phase {
  kind: 'cpu' | 'io';
  us: number;
  /** CPU work in native code that releases the GIL (zlib, hashing); never set by `--tasks`. */
  gilFree?: boolean;
  /**
   * An I/O call that returns at once (a send on a socket): the thread keeps its core but releases
   * the GIL around it and must take it back after; never set by `--tasks`.
   */
  syscall?: boolean;
  /**
   * The wait for the answer to the task's last `syscall` I/O (a receive after a send): the
   * answer comes `us` after that call returned, however late the thread gets to the receive —
   * a thread that waited for the GIL meanwhile finds it there, and its receive returns at once
   * (a short release, like the send); never set by `--tasks`.
   */
  reply?: boolean;
}

/** A task as the emulator sees it: a name, an arrival time and its phases. */
export interface TaskSpec {
  name: string;
  arrivalUs: number;
  phases: Phase[];
}

/** Most tasks one `--tasks` list may hold, so a typo cannot allocate without bound. */
export const MAX_TASKS = 10_000;

/**
 * Parses the `--tasks` syntax: tasks separated by `,`; a task is phases joined by `+`;
 * a phase is `cpu:DUR` or `io:DUR` (a bare `DUR` is cpu); `@DUR` at the end sets the arrival.
 * Example: `cpu:10ms+io:5ms+cpu:10ms,io:100ms,30ms@5ms`. Tasks are named T1, T2, …
 */
export function parseTasks(text: string): TaskSpec[] {
  const parts = text.split(',');
  if (text.trim() === '') throw new UsageError('--tasks: the list is empty (e.g. --tasks "cpu:10ms+io:5ms,20ms")');
  if (parts.length > MAX_TASKS) throw new UsageError(`--tasks: ${parts.length} tasks is more than the limit of ${MAX_TASKS}`);
  return parts.map((part, index) => parseTask(part.trim(), index));
}

function parseTask(text: string, index: number): TaskSpec {
  const where = `--tasks, task ${index + 1}`;
  if (text === '') throw new UsageError(`${where}: empty task (two commas in a row?)`);
  const [body = '', arrival, extra] = text.split('@');
  if (extra !== undefined) throw new UsageError(`${where}: ${quote(text)} has more than one '@'`);
  const arrivalUs = arrival === undefined ? 0 : parseDuration(arrival, `${where} arrival`);
  const phases = body.split('+').map((phase) => parsePhase(phase.trim(), where));
  const totalUs = phases.reduce((sum, phase) => sum + phase.us, arrivalUs);
  if (totalUs > MAX_DURATION_US) throw new UsageError(`${where}: longer than the limit of 24 hours in all`);
  return { name: `T${index + 1}`, arrivalUs, phases };
}

function parsePhase(text: string, where: string): Phase {
  if (text === '') throw new UsageError(`${where}: empty phase (use cpu:DUR or io:DUR joined by +)`);
  const colon = text.indexOf(':');
  // Spaces around the kind are as harmless as those around the duration: `cpu : 5ms` is `cpu:5ms`.
  const kind = colon < 0 ? 'cpu' : text.slice(0, colon).trim();
  if (kind !== 'cpu' && kind !== 'io') {
    throw new UsageError(`${where}: unknown phase kind ${quote(kind)} (use cpu or io)`);
  }
  const us = parseDuration(colon < 0 ? text : text.slice(colon + 1), `${where} ${kind} phase`);
  if (us === 0) throw new UsageError(`${where}: a phase of zero time does nothing (use at least 1us)`);
  return { kind, us };
}

/** Total CPU demand of a task. */
export function cpuDemandUs(task: TaskSpec): number {
  let sum = 0;
  for (const phase of task.phases) if (phase.kind === 'cpu') sum += phase.us;
  return sum;
}
