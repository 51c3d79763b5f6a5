import { setTimeout as delay } from 'node:timers/promises';
import type { WorkloadCost } from './types.js';

/** `time.sleep(ms)`: the thread blocks and releases the GIL; no CPU is used. */
export const sleepCost: WorkloadCost = {
  cost: (ms: number) => [{ kind: 'io', us: Math.round(ms * 1_000) }],
  describe: (ms) => `sleep(${ms} ms)`,
};

/** Blocks the calling thread for `ms`, like `time.sleep` (in a worker or a child, never the UI). */
export function sleepBlocking(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits `ms` without blocking the event loop, like `await asyncio.sleep(ms)`. */
export async function sleepAsync(ms: number): Promise<void> {
  await delay(ms);
}
