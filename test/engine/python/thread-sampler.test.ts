import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { classifyThread } from '../../../src/engine/python/classify.js';
import { ThreadSampler, type ThreadSample } from '../../../src/engine/python/thread-sampler.js';
import type { SpanState } from '../../../src/engine/trace.js';
import { python } from './python-helpers.js';

/** Two threads of python3 counting under the GIL, each thread's schedstat sampled every ~1 ms as a run does. */
async function sampleTwoCountingThreads(iterations: number): Promise<(readonly ThreadSample[])[]> {
  const program = [
    'import sys, threading',
    'def work():',
    '    sys.stdout.write("%d\\n" % threading.get_native_id()); sys.stdout.flush()',
    '    count = 0',
    `    for i in range(${iterations}):`,
    '        count = count + i',
    'threads = [threading.Thread(target=work) for _ in range(2)]',
    'for t in threads: t.start()',
    'for t in threads: t.join()',
  ].join('\n');
  const child = spawn(python.path, ['-I', '-c', program], { stdio: ['ignore', 'pipe', 'inherit'] });
  const sampler = new ThreadSampler();
  const tids: number[] = [];
  const startNs = process.hrtime.bigint();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    for (const line of chunk.trim().split('\n')) {
      tids.push(Number(line));
      sampler.follow(child.pid!, Number(line));
    }
  });
  const sampling = setInterval(() => sampler.sample(Math.round(Number(process.hrtime.bigint() - startNs) / 1_000)), 1);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampling);
  sampler.close();
  expect(code).toBe(0);
  return tids.map((tid) => sampler.samples(tid));
}

describe('ThreadSampler + classifyThread on real CPython threads (python3 on PATH)', () => {
  it('a thread is ready only as long as the kernel says it queued for a core, and running as long as it was on one', async () => {
    // About 0.2 s of counting per thread on a quiet machine: some 40 turns of 5 ms each.
    const threads = await sampleTwoCountingThreads(6_000_000);
    expect(threads).toHaveLength(2);
    const time: Partial<Record<SpanState, number>> = {};
    let laneUs = 0;
    let onCpuUs = 0;
    let runQueueUs = 0;
    for (const samples of threads) {
      // From its first sample to its last: the kernel's figures are exact differences across it.
      const first = samples[0]!;
      const last = samples.at(-1)!;
      for (const span of classifyThread(0, samples, first.atUs, last.atUs, 'running')) time[span.state] = (time[span.state] ?? 0) + span.endUs - span.startUs;
      laneUs += last.atUs - first.atUs;
      onCpuUs += (last.onCpuNs - first.onCpuNs) / 1_000;
      runQueueUs += (last.runQueueNs - first.runQueueNs) / 1_000;
    }
    // The kernel's own totals hold on a quiet machine and a busy one alike (a busy one queues
    // more, and says so). Before, a thread runnable on a core between two ticks counted as
    // ready: ready was the kernel's run-queue time plus 7–12 % of the lane's time.
    const share = (us: number) => us / laneUs;
    expect(share(Math.abs((time.ready ?? 0) - runQueueUs))).toBeLessThan(0.03);
    expect(share(Math.abs((time.running ?? 0) - onCpuUs))).toBeLessThan(0.03);
    // The rest they slept, on the GIL: nothing else puts a counting thread to sleep.
    expect(time['gil-wait'] ?? 0).toBeGreaterThan(0);
    expect(share(Math.abs((time['gil-wait'] ?? 0) + (time.io ?? 0) - (laneUs - onCpuUs - runQueueUs)))).toBeLessThan(0.03);
  }, 60_000);
});
