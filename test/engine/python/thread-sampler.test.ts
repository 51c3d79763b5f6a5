import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyThread } from '../../../src/engine/python/classify.js';
import type { SampleView } from '../../../src/engine/python/sample-series.js';
import { ThreadSampler } from '../../../src/engine/python/thread-sampler.js';
import type { SpanState } from '../../../src/engine/trace.js';
import { python } from './python-helpers.js';

/** Two threads of python3 counting under the GIL, each thread's schedstat sampled every ~1 ms as a run does. */
async function sampleTwoCountingThreads(iterations: number): Promise<SampleView[]> {
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
      const first = samples.sample(0);
      const last = samples.sample(samples.length - 1);
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

/** A thread's /proc files in a directory, rewritten in place (an open descriptor reads the new text, as /proc's does). */
function fakeThread() {
  const root = mkdtempSync(join(tmpdir(), 'concur-tui-proc-'));
  const dir = join(root, '7', 'task', '8');
  mkdirSync(dir, { recursive: true });
  const set = (onCpuNs: number, runQueueNs: number, slices: number, state: 'R' | 'S', syscall: string) => {
    writeFileSync(join(dir, 'schedstat'), `${onCpuNs} ${runQueueNs} ${slices}\n`);
    writeFileSync(join(dir, 'stat'), `8 (python3 (x) 1) ${state} 7 7 7 0 -1 4194560 ${'0 '.repeat(40)}\n`);
    writeFileSync(join(dir, 'syscall'), `${syscall}\n`);
  };
  return { root, set, remove: () => rmSync(root, { recursive: true, force: true }) };
}

describe('ThreadSampler reads only what can have changed', () => {
  const FUTEX = process.arch === 'x64' ? '202 0x7f 0x80 0x0 0x0 0x0 0x0 0x7ffd 0x7f12' : null;

  it.runIf(FUTEX !== null)('unchanged figures of a runnable thread: schedstat alone; of an asleep one: not its system call again', () => {
    const proc = fakeThread();
    try {
      const sampler = new ThreadSampler(proc.root);
      proc.set(1_000, 0, 1, 'R', 'running');
      sampler.follow(7, 8);
      sampler.sample(0);
      expect(sampler.reads()).toBe(2); // schedstat + stat: runnable, so no system call to ask about
      sampler.sample(1_000);
      sampler.sample(2_000);
      expect(sampler.reads()).toBe(4); // running between two ticks: schedstat only
      proc.set(3_000, 0, 1, 'S', FUTEX!);
      sampler.sample(3_000);
      expect(sampler.reads()).toBe(7); // credited as it left the core: all three
      // Asleep and not credited since: it has not run, so it is in the same system call, even
      // if the file (a racing read) said otherwise; stat is read, for a wake-up not yet run.
      proc.set(3_000, 0, 1, 'S', '230 0x0 0x0');
      sampler.sample(4_000);
      expect(sampler.reads()).toBe(9);
      proc.set(3_000, 0, 1, 'R', FUTEX!);
      sampler.sample(5_000);
      expect(sampler.reads()).toBe(11); // woken, queued: stat says R
      const samples = sampler.samples(8);
      expect([0, 1, 2, 3, 4, 5].map((i) => [samples.runnable(i), samples.onLock(i)])).toEqual([
        [true, false],
        [true, false],
        [true, false],
        [false, true],
        [false, true],
        [true, false],
      ]);
      // The kernel's totals, spread over the samples it ran in.
      expect(samples.onCpuNs(5) - samples.onCpuNs(0)).toBe(2_000);
      sampler.close();
    } finally {
      proc.remove();
    }
  });

  it('a thread whose files stop reading is ended, its samples kept', () => {
    const proc = fakeThread();
    const sampler = new ThreadSampler(proc.root);
    proc.set(0, 0, 1, 'R', 'running');
    sampler.follow(7, 8);
    sampler.sample(0);
    writeFileSync(join(proc.root, '7', 'task', '8', 'schedstat'), '');
    sampler.sample(1_000);
    sampler.sample(2_000);
    expect(sampler.samples(8).length).toBe(1);
    expect(sampler.reads()).toBe(3);
    proc.remove();
  });
});
