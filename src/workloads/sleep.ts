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
    await host.waitOutside(() => (host.mode === 'async' ? sleepAsync(ms) : sleepBlocking(ms, host.betweenSlices)));
    host.resumed(dueUs);
    return null;
  },
};

/**
 * The longest a blocking sleep waits before it looks up: a blocked thread hears nothing (no IPC
 * disconnect, no timer), so a child whose parent was killed learns it only between slices.
 */
export const SLEEP_SLICE_MS = 200;

/**
 * Blocks the calling thread for `ms`, like `time.sleep` (in a worker or a child, never the UI),
 * in slices of at most SLEEP_SLICE_MS with `betweenSlices` called after each (a child exits
 * there when its parent died, so an `io:24h` task cannot outlive it by more than a slice).
 */
export function sleepBlocking(ms: number, betweenSlices: () => void = () => {}): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const endMs = performance.now() + ms;
  for (let leftMs = ms; leftMs > 0; leftMs = endMs - performance.now()) {
    Atomics.wait(cell, 0, 0, Math.min(leftMs, SLEEP_SLICE_MS));
    betweenSlices();
  }
}

/** Waits `ms` without blocking the event loop, like `await asyncio.sleep(ms)`. */
export async function sleepAsync(ms: number): Promise<void> {
  await delay(ms);
}
