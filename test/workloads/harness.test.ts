import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverInterpreters, isolationFlags, measureNsPerIteration, probeInterpreter, type PythonInterpreter } from '../../src/engine/python/interpreter.js';
import type { RealCall } from '../../src/engine/real/protocol.js';

/**
 * The Python harness on its own (src/workloads/python/harness.py), talking to this test's trace
 * socket and this test's database: how many connections its queries open, how its trace lines
 * arrive. On python3, 2.7 and PyPy: the three kinds of interpreter it runs on.
 */
const HARNESS = fileURLToPath(new URL('../../src/workloads/python/harness.py', import.meta.url));
const FLUSH_EVERY_NS = 200_000_000;
const discovered = discoverInterpreters().flatMap((entry) => (entry.ok ? [entry.python] : []));
const interpreters: [string, PythonInterpreter | undefined][] = [
  ['python3', probeInterpreter('python3')],
  ['CPython 2.7', discovered.find((python) => python.implementation === 'CPython' && python.major === 2)],
  ['PyPy', discovered.find((python) => python.implementation === 'PyPy')],
];

interface Batch {
  lines: Record<string, unknown>[];
}

interface HarnessRun {
  /** Each read of the trace socket: a batch the harness sent (or several, if they queued). */
  batches: Batch[];
  lines: Record<string, unknown>[];
  /** Connections the database accepted. */
  dbConnections: number;
  queries: number;
  exitCode: number | null;
}

const listen = (server: Server, at: string | number) =>
  new Promise<void>((resolve) => (typeof at === 'string' ? server.listen(at, resolve) : server.listen(at, '127.0.0.1', resolve)));

/** A database that answers every request line at once with three rows, counting connections. */
function countingDatabase() {
  const counts = { connections: 0, queries: 0 };
  const server = createServer({ noDelay: true }, (socket) => {
    counts.connections++;
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      received += chunk;
      let newline: number;
      while ((newline = received.indexOf('\n')) >= 0) {
        received = received.slice(newline + 1);
        counts.queries++;
        socket.write('[{"id": 1}, {"id": 2}, {"id": 3}]\n');
      }
    });
  });
  return { server, counts };
}

async function runHarness(python: PythonInterpreter, strategy: string, tasks: RealCall[][]): Promise<HarnessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'concur-tui-harness-'));
  const socketPath = join(dir, 'trace.sock');
  const batches: Batch[] = [];
  let open = 0;
  let drained: () => void = () => undefined;
  const trace = createServer((connection) => {
    open++;
    let buffered = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      buffered += chunk;
      const complete = buffered.slice(0, buffered.lastIndexOf('\n') + 1);
      buffered = buffered.slice(complete.length);
      if (complete !== '')
        batches.push({
          lines: complete
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line) as Record<string, unknown>),
        });
    });
    connection.on('close', () => --open === 0 && drained());
  });
  const db = countingDatabase();
  await listen(trace, socketPath);
  await listen(db.server, 0);
  const address = db.server.address();
  const spec = {
    strategy,
    workers: 2,
    tasks: tasks.map((calls, i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls })),
    traceSocket: socketPath,
    switchIntervalUs: 5_000,
    checkInterval: 100,
    dbPort: typeof address === 'object' && address !== null ? address.port : null,
    dbToken: 'not-checked-here',
  };
  const child = spawn(python.path, [...isolationFlags(python), HARNESS], { stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin.write(`${JSON.stringify(spec)}\n`);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (open > 0) await new Promise<void>((resolve) => (drained = resolve));
  child.stdin.end();
  await new Promise((resolve) => trace.close(resolve));
  await new Promise((resolve) => db.server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
  return { batches, lines: batches.flatMap((batch) => batch.lines), dbConnections: db.counts.connections, queries: db.counts.queries, exitCode };
}

const query: RealCall = { workload: 'query', argument: 0 };
const queries = (n: number): RealCall[] => Array.from({ length: n }, () => query);
const phasesOf = (run: HarnessRun, lane: number) => run.lines.filter((line) => line.ev === 'phase' && line.lane === lane);

for (const [name, python] of interpreters) {
  if (python === undefined) {
    it(`the harness on ${name}: the interpreter is on this machine`, () => {
      expect.fail(`${name} not found (PATH, pyenv versions): the harness promises it and this machine kind has it`);
    });
    continue;
  }
  describe(`the harness on ${name} (${python.version}): a query is a send and a receive (issue 13)`, () => {
    it('each thread keeps one connection to the database for all its queries', async () => {
      const threads = await runHarness(python, 'threads', [queries(10), queries(10)]);
      expect(threads.exitCode).toBe(0);
      expect(threads.queries).toBe(20);
      expect(threads.dbConnections).toBe(2);
      const sequential = await runHarness(python, 'sequential', [queries(4), queries(4), queries(4)]);
      expect(sequential.queries).toBe(12);
      expect(sequential.dbConnections).toBe(1);
      expect(sequential.lines.filter((line) => line.ev === 'done')).toHaveLength(3);
    }, 60_000);

    it('a process keeps its own connection: a forked child does not reuse its parent’s', async () => {
      const run = await runHarness(python, 'processes', [queries(5), queries(5)]);
      expect(run.exitCode).toBe(0);
      expect(run.queries).toBe(10);
      expect(run.dbConnections).toBe(2);
      expect(run.lines.filter((line) => line.ev === 'spawn')).toHaveLength(2);
      expect(run.lines.filter((line) => line.ev === 'done')).toHaveLength(2);
    }, 60_000);
  });

  describe(`the harness on ${name}: trace lines leave in batches, and every one arrives (issue 13)`, () => {
    it('the I/O phases of a thread’s queries are not a send each: at most one batch per 200 ms besides the urgent lines', async () => {
      const run = await runHarness(python, 'threads', [queries(40)]);
      expect(run.exitCode).toBe(0);
      // Every line arrives, each stamped when it happened, in order.
      expect(phasesOf(run, 0)).toHaveLength(40);
      expect(run.lines.map((line) => line.ev)).toEqual(['begin', 'spawn', 'start', ...Array.from({ length: 40 }, () => 'phase'), 'done']);
      const stamps = run.lines.slice(1).map((line) => Number(line.ns));
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
      // Sent at once: begin, the thread's first start, its end. The 40 phases wait at most 200 ms each.
      const spanNs = stamps.at(-1)! - stamps[0]!;
      expect(run.batches.length).toBeLessThanOrEqual(3 + Math.floor(spanNs / FLUSH_EVERY_NS) + 1);
    }, 60_000);

    it('a CPU phase’s line is sent before the phase runs, with the I/O lines before it', async () => {
      // A batch is a read of the socket: the phase lasts ~300 ms on every interpreter (3 M
      // iterations took 4 ms on PyPy), so a reader late by a few ms on a busy machine still reads
      // the phase's line apart from the lane's end.
      const iterations = Math.round(300_000_000 / measureNsPerIteration(python));
      const run = await runHarness(python, 'threads', [[...queries(5), { workload: 'count', argument: iterations }]]);
      const cpuPhase = run.batches.findIndex((batch) => batch.lines.some((line) => line.ev === 'phase' && line.kind === 'cpu'));
      const done = run.batches.findIndex((batch) => batch.lines.some((line) => line.ev === 'done'));
      // The CPU phase's line ends its batch (it went out as it was written, before the count ran),
      // not with the lane's end; the I/O lines before it went out with it or earlier.
      expect(cpuPhase).toBeGreaterThanOrEqual(0);
      expect(run.batches[cpuPhase]!.lines.at(-1)).toMatchObject({ ev: 'phase', kind: 'cpu' });
      expect(done).toBeGreaterThan(cpuPhase);
      const sentByThen = run.batches.slice(0, cpuPhase + 1).flatMap((batch) => batch.lines);
      expect(sentByThen.filter((line) => line.ev === 'phase').map((line) => line.kind)).toEqual(['io', 'io', 'io', 'io', 'io', 'cpu']);
    }, 60_000);

    it('a crash loses no line: what a thread buffered leaves with the failing phase, before the process dies', async () => {
      const run = await runHarness(python, 'threads', [[...queries(5), { workload: 'fault', argument: 2 }]]);
      expect(run.exitCode).toBe(3);
      expect(phasesOf(run, 0).map((line) => line.kind)).toEqual(['io', 'io', 'io', 'io', 'io', 'cpu']);
    }, 60_000);

    it('a raising task’s error line arrives, and the run goes on', async () => {
      const run = await runHarness(python, 'threads', [[...queries(3), { workload: 'fault', argument: 1 }], queries(3)]);
      expect(run.exitCode).toBe(0);
      expect(run.lines.filter((line) => line.ev === 'error').map((line) => line.message)).toEqual(['RuntimeError: injected fault: the workload raised']);
      expect(run.lines.filter((line) => line.ev === 'done').map((line) => line.lane)).toEqual([1]);
    }, 60_000);
  });
}
