import type { EmulatedStrategy } from './emulator/params.js';
import type { RealStrategy } from './real/strategy-context.js';

/** The real strategy that does what an emulated one models (pools run on the same executors). */
export const REAL_TWIN: Record<EmulatedStrategy, RealStrategy> = {
  sequential: 'sequential',
  threads: 'worker',
  'thread-pool': 'worker',
  processes: 'process',
  'process-pool': 'process',
  async: 'async',
};

/** The emulated strategy a real one is compared with in tables. */
export const EMULATED_TWIN: Record<RealStrategy, EmulatedStrategy> = { sequential: 'sequential', worker: 'threads', process: 'processes', async: 'async' };
