import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SchedstatSampler, currentThreadId, parseUnsignedFields, procfsAvailable, readSchedstat } from '../../../src/engine/real/procfs.js';

// The worker posts its OS thread id, then blocks on the shared flag until told to exit.
const WORKER_CODE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData);
parentPort.postMessage(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));
Atomics.wait(flag, 0, 0);
`;

interface BlockedWorker {
  tid: number;
  /** Releases the worker and resolves once its thread has been joined. */
  finish(): Promise<void>;
}

async function startBlockedWorker(): Promise<BlockedWorker> {
  const shared = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: shared });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const tid = await new Promise<number>((resolve, reject) => {
    worker.once('message', (value: number) => resolve(value));
    worker.once('error', reject);
  });
  const finish = async (): Promise<void> => {
    const flag = new Int32Array(shared);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    await exited;
  };
  return { tid, finish };
}

/** Spins on this thread until the process has used `ms` of CPU (not of wall clock, which a busy machine stretches). */
function busyLoop(ms: number): void {
  const started = process.cpuUsage();
  for (;;) {
    const { user, system } = process.cpuUsage(started);
    if (user + system >= ms * 1_000) return;
  }
}

describe.skipIf(!procfsAvailable)('procfs on Linux', () => {
  it('the main thread id is the process id', () => {
    const tid = currentThreadId();
    expect(Number.isInteger(tid)).toBe(true);
    expect(tid).toBeGreaterThan(0);
    expect(tid).toBe(process.pid);
  });

  it('on-CPU time of the main thread grows by ≥ 20 ms over a busy loop of 50 ms of CPU', () => {
    const before = readSchedstat(process.pid, process.pid);
    expect(before).not.toBeNull();
    busyLoop(50);
    const after = readSchedstat(process.pid, process.pid);
    expect(after).not.toBeNull();
    if (before === null || after === null) return;
    for (const value of Object.values(after)) expect(Number.isInteger(value)).toBe(true);
    expect(after.onCpuNs - before.onCpuNs).toBeGreaterThanOrEqual(20_000_000);
    expect(after.runQueueNs).toBeGreaterThanOrEqual(before.runQueueNs);
    expect(after.timeslices).toBeGreaterThanOrEqual(before.timeslices);
  });

  it('a worker thread can be read while alive and reads as null once it has exited', async () => {
    const worker = await startBlockedWorker();
    expect(worker.tid).not.toBe(process.pid);
    expect(readSchedstat(process.pid, worker.tid)).not.toBeNull();
    await worker.finish();
    expect(readSchedstat(process.pid, worker.tid)).toBeNull();
  });

  it('the sampler appends one sample per tracked thread and untracks a vanished thread', async () => {
    const worker = await startBlockedWorker();
    const sampler = new SchedstatSampler();
    try {
      sampler.track(0, process.pid, process.pid);
      sampler.track(1, process.pid, worker.tid);
      sampler.sample(10);
      busyLoop(5);
      sampler.sample(20);
      expect(sampler.trackedKeys().sort()).toEqual([0, 1]);
      expect(sampler.samples(1).map((s) => s.atUs)).toEqual([10, 20]);
      const main = sampler.samples(0);
      expect(main.map((s) => s.atUs)).toEqual([10, 20]);
      expect(main[1]?.onCpuNs).toBeGreaterThanOrEqual(main[0]?.onCpuNs ?? Infinity);

      await worker.finish();
      sampler.sample(30);
      expect(sampler.trackedKeys()).toEqual([0]);
      // The vanished thread's history is kept; it just stops growing.
      expect(sampler.samples(1).map((s) => s.atUs)).toEqual([10, 20]);
      expect(sampler.samples(0).map((s) => s.atUs)).toEqual([10, 20, 30]);
    } finally {
      sampler.close();
    }
    expect(sampler.trackedKeys()).toEqual([]);
    expect(sampler.samples(0)).toHaveLength(3);
  });

  it('tracking a thread that does not exist records nothing', () => {
    const sampler = new SchedstatSampler();
    sampler.track(7, process.pid, 2 ** 30);
    sampler.sample(1);
    expect(sampler.trackedKeys()).toEqual([]);
    expect(sampler.samples(7)).toEqual([]);
    sampler.close();
  });
});

describe('procfs anywhere', () => {
  it('reading a missing process returns null instead of throwing', () => {
    expect(readSchedstat(2 ** 30, 2 ** 30)).toBeNull();
  });

  it('procfsAvailable agrees with currentThreadId', () => {
    expect(currentThreadId() !== null).toBe(procfsAvailable);
  });
});

describe('parseUnsignedFields reads /proc text as bytes', () => {
  const parse = (text: string, fields = 3) => {
    const bytes = Buffer.from(text, 'latin1');
    const into = new Float64Array(fields);
    return parseUnsignedFields(bytes, bytes.length, into) ? [...into] : null;
  };

  it('reads schedstat counters past 2^32 exactly, whatever the spaces between them', () => {
    expect(parse('8123456789012 4294967297 3\n')).toEqual([8_123_456_789_012, 4_294_967_297, 3]);
    expect(parse('  1\t2 3')).toEqual([1, 2, 3]);
  });

  it('reads only the fields asked for: the number of a system call and not its arguments', () => {
    expect(parse('202 0x7f 0x80', 1)).toEqual([202]);
  });

  it('refuses a missing field, a sign or a field that is not all digits', () => {
    expect(parse('1 2')).toBeNull();
    expect(parse('')).toBeNull();
    expect(parse('running', 1)).toBeNull();
    expect(parse('-1 0x0', 1)).toBeNull();
    expect(parse('12a 3 4')).toBeNull();
  });

  it('reads within the length given, not the whole buffer', () => {
    const bytes = Buffer.from('1 2 3 and some old text', 'latin1');
    expect(parseUnsignedFields(bytes, 5, new Float64Array(3))).toBe(true);
    expect(parseUnsignedFields(bytes, 4, new Float64Array(3))).toBe(false);
  });
});
