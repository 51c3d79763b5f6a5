import { setTimeout as delay } from 'node:timers/promises';
import type { Workload } from './types.js';

/** `time.sleep(ms)`: the thread blocks and releases the GIL; no CPU is used. */
export const sleepWorkload: Workload<'sleep'> = {
  name: 'sleep',
  unit: 'milliseconds',
  cost: (ms) => [{ kind: 'io', us: Math.round(ms * 1_000) }],
  scale: (ms, sizing) => ms * sizing.scale,
  run: async (ms, host) => {
    const dueUs = host.nowUs() + Math.round(ms * 1_000);
    await host.waitOutside(() => (host.mode === 'async' ? sleepAsync(ms) : sleepBlocking(ms)));
    host.resumed(dueUs);
    return null;
  },
};

/** Blocks the calling thread for `ms`, like `time.sleep` (in a worker or a child, never the UI). */
export function sleepBlocking(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits `ms` without blocking the event loop, like `await asyncio.sleep(ms)`. */
export async function sleepAsync(ms: number): Promise<void> {
  await delay(ms);
}
