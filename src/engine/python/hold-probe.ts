import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from '../median.js';
import { isolationFlags, type PythonInterpreter } from './interpreter.js';

/**
 * CPython's GIL hold period read from inside the interpreter (hold_probe.py), to the
 * microsecond: the engine's sampler reads a thread every ~1.1 ms, so it cannot tell a 1 ms hold
 * from a 1.7 ms one. CPython 3's holds are a time (the switch interval, then the next check of
 * the eval breaker), the same for any loop, so the probe's loop (the tutorial's, in strides with
 * a clock read between) shows the count loop's holds. PyPy's are not: its holder yields after a
 * number of ticks that depends on the code it runs, so a probe loop would measure itself.
 */

const SCRIPT = fileURLToPath(new URL('../../workloads/python/hold_probe.py', import.meta.url));
const TIMEOUT_MS = 120_000;

/** A stretch one thread ran without a gap: [thread, start ns, end ns] on CLOCK_MONOTONIC. */
export type Stretch = readonly [thread: number, startNs: number, endNs: number];

/**
 * The holds the stretches make: a hold is one thread's stretches until the other thread's next
 * one (a gap with no other thread's stretch in it, where the OS preempted the holder, does not
 * end it), from the first stretch's start to the last one's end, in µs. The first and the last
 * hold are cut by the threads' start and end and are left out.
 */
export function holdsOf(stretches: readonly Stretch[]): number[] {
  const byStart = [...stretches].sort((a, b) => a[1] - b[1]);
  const holds: number[] = [];
  let holder = -1;
  let startNs = 0;
  let endNs = 0;
  for (const [thread, from, to] of byStart) {
    if (thread === holder) {
      endNs = Math.max(endNs, to);
      continue;
    }
    if (holder !== -1) holds.push((endNs - startNs) / 1_000);
    [holder, startNs, endNs] = [thread, from, to];
  }
  if (holder !== -1) holds.push((endNs - startNs) / 1_000);
  return holds.slice(1, -1);
}

/** The median of the holds of two CPU threads at `switchIntervalUs`, over `durationUs` of counting. */
export function probeMedianHoldUs(python: PythonInterpreter, switchIntervalUs: number, durationUs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = [...isolationFlags(python), SCRIPT, String(switchIntervalUs), String(durationUs)];
    execFile(python.path, args, { timeout: TIMEOUT_MS, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${python.path}: the GIL hold probe failed: ${stderr.trim().split('\n').at(-1) || error.message}`));
      let holds: number[];
      try {
        holds = holdsOf(stretchesIn(stdout));
      } catch {
        return reject(new Error(`${python.path}: the GIL hold probe printed ${JSON.stringify(stdout.trim().slice(0, 200))}`));
      }
      if (holds.length < 3) return reject(new Error(`${python.path}: the GIL hold probe saw ${holds.length} hand-offs, too few for a median`));
      resolve(median(holds));
    });
  });
}

function stretchesIn(stdout: string): Stretch[] {
  const data = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { stretches?: unknown };
  const valid = (item: unknown): item is Stretch => Array.isArray(item) && item.length === 3 && item.every((value) => typeof value === 'number');
  if (!Array.isArray(data.stretches) || !data.stretches.every(valid)) throw new Error('the GIL hold probe printed no stretches');
  return data.stretches;
}
