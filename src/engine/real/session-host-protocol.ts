import type { Trace } from '../runs.js';
import type { RealSessionSpec } from './real-session.js';
import type { RealStrategy } from './strategy-context.js';

/** Messages from the dashboard's (or `run`'s) process to the child hosting a pinned session. */
export type ToHost =
  | { kind: 'start'; session: Omit<RealSessionSpec, 'onStrategy'> }
  /** Asks for one snapshot: sent only when one is drawn, so an unwatched run pays nothing. */
  | { kind: 'snapshot' }
  | { kind: 'cancel'; reason: string };

/** Messages from the host back (IPC keeps their order). */
export type FromHost =
  | { kind: 'strategy'; strategy: RealStrategy }
  | { kind: 'snapshot'; trace: Trace }
  | { kind: 'done'; trace: Trace }
  | { kind: 'failed'; message: string };
