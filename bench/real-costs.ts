import { fork, spawn, type ChildProcess } from 'node:child_process';
import { MessageChannel, Worker } from 'node:worker_threads';
import { epochUs } from '../src/engine/real/clock.js';
import { builtEntry } from '../src/engine/real/entry-path.js';
import { childEnv } from '../src/engine/real/strategies/process.js';
import { runTask } from '../src/engine/real/task-runner.js';
import { WorkerPool } from '../src/engine/real/worker-pool.js';
import { count } from '../src/workloads/count.js';
import { markdownTable, median, type BenchSection } from './report.js';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const us = (value: number) => `${value.toFixed(0)} µs`;

/** Round trip of one empty task through our piscina path (job, port, hello, outcome). */
async function dispatch(): Promise<number[]> {
  const pool = new WorkerPool(1);
  const signal = new AbortController().signal;
  const context = { originUs: epochUs(), db: null, gil: null };
  const job = { kind: 'task' as const, order: { lane: 0, task: { name: 'empty', arrivalUs: 0, calls: [] } }, context };
  const times: number[] = [];
  for (let i = 0; i < 2_200; i++) {
    const start = performance.now();
    await pool.run(job, () => {}, signal);
    if (i >= 200) times.push((performance.now() - start) * 1_000);
  }
  await pool.destroy();
  return times;
}

/** fork → the child's "ready" message, and disconnect → exit. */
async function forkCosts(): Promise<{ ready: number[]; exit: number[] }> {
  const ready: number[] = [];
  const exit: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    const child = fork(builtEntry('child-entry.js'), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: childEnv() });
    await new Promise((resolve) => child.once('message', resolve));
    ready.push(performance.now() - start);
    const stop = performance.now();
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
    exit.push(performance.now() - stop);
  }
  return { ready, exit };
}

/** The instrumented count (progress reports, GIL-free path of the task runner) vs the bare loop. */
async function instrumentation(iterations: number): Promise<{ bare: number; instrumented: number }> {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', () => {});
  const bare: number[] = [];
  const instrumented: number[] = [];
  const context = { originUs: epochUs(), db: null, gil: null };
  const order = { lane: 0, task: { name: 'count', arrivalUs: 0, calls: [{ workload: 'count' as const, argument: iterations }] } };
  count(iterations / 10);
  for (let i = 0; i < 7; i++) {
    let start = performance.now();
    count(iterations);
    bare.push(performance.now() - start);
    start = performance.now();
    await runTask(order, context, 'blocking', (event) => port2.postMessage(event));
    instrumented.push(performance.now() - start);
  }
  port1.close();
  return { bare: median(bare), instrumented: median(instrumented) };
}

const SKEW_REPLY = 'return Math.round((performance.timeOrigin + performance.now()) * 1000)';

/** Offset of another thread's or process's clock: its reading minus the midpoint of a ping-pong. */
async function skew(send: (n: number) => void, onReply: (handler: (theirUs: number) => void) => void): Promise<number[]> {
  const offsets: number[] = [];
  for (let i = 0; i < 60; i++) {
    const before = epochUs();
    const theirs = await new Promise<number>((resolve) => {
      onReply(resolve);
      send(i);
    });
    const after = epochUs();
    if (i >= 10) offsets.push(theirs - (before + after) / 2);
  }
  return offsets;
}

async function workerSkew(): Promise<number[]> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads'); parentPort.on('message', () => parentPort.postMessage((() => { ${SKEW_REPLY} })()));`,
    { eval: true },
  );
  const offsets = await skew(
    (n) => worker.postMessage(n),
    (handler) => worker.once('message', handler),
  );
  await worker.terminate();
  return offsets;
}

async function childSkew(): Promise<number[]> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', `process.on('message', () => process.send((() => { ${SKEW_REPLY} })())); process.on('disconnect', () => process.exit(0));`],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    },
  );
  const offsets = await skew(
    (n) => child.send(n),
    (handler) => child.once('message', (value) => handler(value as number)),
  );
  child.disconnect();
  return offsets;
}

/** What the real engine's machinery costs: dispatch, fork, instrumentation, clock alignment. */
export async function realCostsBench(): Promise<BenchSection> {
  const trips = await dispatch();
  const forks = await forkCosts();
  const instr = await instrumentation(300_000_000);
  const overhead = (instr.instrumented / instr.bare - 1) * 100;
  const workerOffsets = await workerSkew();
  const childOffsets = await childSkew();
  const abs = (values: number[]) => values.map(Math.abs);
  return {
    title: 'Real engine costs',
    lines: [
      ...markdownTable(
        ['what', 'median', 'p99 / worst'],
        [
          ['piscina dispatch: one empty task, round trip (2,000 tasks)', us(median(trips)), us(percentile(trips, 0.99))],
          ['fork a child until it is ready (10 forks)', `${median(forks.ready).toFixed(1)} ms`, `${Math.max(...forks.ready).toFixed(1)} ms`],
          ['child exit after disconnect', `${median(forks.exit).toFixed(1)} ms`, `${Math.max(...forks.exit).toFixed(1)} ms`],
          ['clock skew, worker thread (absolute offset, 50 pings)', us(median(abs(workerOffsets))), us(Math.max(...abs(workerOffsets)))],
          ['clock skew, child process (absolute offset, 50 pings)', us(median(abs(childOffsets))), us(Math.max(...abs(childOffsets)))],
        ],
      ),
      '',
      `Instrumentation: count(300,000,000) bare ${instr.bare.toFixed(1)} ms, through the task runner with progress reports ${instr.instrumented.toFixed(1)} ms: ${overhead.toFixed(1)} % (target < 2 %; medians of 7 alternating runs).`,
      '',
      "Skew is the other side's `performance.timeOrigin + now()` minus the midpoint of a ping-pong, so it includes half the message latency's asymmetry: an upper bound.",
      process.env.NODE_EXTRA_CA_CERTS
        ? 'NODE_EXTRA_CA_CERTS is set here; the engine forks children without it (they never use TLS), which saves ~35 ms of start-up each.'
        : '',
    ].filter((line, i, all) => line !== '' || all[i - 1] !== ''),
  };
}
