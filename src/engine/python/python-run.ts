import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowedCpus, withAffinity, type AffinityPlan } from '../affinity.js';
import { assertNever } from '../assert-never.js';
import type { EmulatedStrategy } from '../emulator/params.js';
import { limitRunning } from '../core-limit.js';
import { crowdedUsOfRun } from '../crowding.js';
import { metricsFromSpans, utilization } from '../metrics.js';
import { IdleWindow } from '../real/machine-idle.js';
import type { RealTask } from '../real/protocol.js';
import type { PythonRun } from '../runs.js';
import type { Instant, Lane, Span } from '../trace.js';
import { handoffs } from './classify.js';
import { parseHarnessEvent, type HarnessEvent } from './harness-events.js';
import { isolationFlags, type PythonInterpreter } from './interpreter.js';
import { groupOf, laneSpans, type LaneEvent } from './lane-spans.js';
import { pythonSetup } from './python-setup.js';
import { SAMPLE_PERIOD_US } from './sample-period.js';
import { NO_SAMPLES, readCounters, SampleSeries } from './sample-series.js';
import { ThreadSampler } from './thread-sampler.js';

/** Where a query goes. */
export interface DatabaseAccess {
  port: number;
  token: string | null;
}

/** What one real Python run needs. */
export interface PythonRunSpec {
  python: PythonInterpreter;
  /** Python runs use the emulator's strategy names: each is the program the emulator models. */
  strategy: EmulatedStrategy;
  tasks: readonly RealTask[];
  /** Workers of thread-pool and process-pool. */
  workers: number;
  switchIntervalUs: number;
  checkInterval: number;
  /** Cores the run may use (for CPU utilisation and its setup record). */
  cores: number;
  /** Cores the user asked the run to be limited to (null: none asked). */
  coresAsked?: number | null;
  /** The CPUs the interpreter is pinned to (planAffinity of `coresAsked`); absent: unrestricted. */
  affinity?: AffinityPlan;
  /** The loopback database a `query` asks (started by the session, outside the run's time). */
  database: Promise<DatabaseAccess | null> | null;
  timeoutMs?: number | null;
  /** How often each thread's schedstat is read (default SAMPLE_PERIOD_US); null: never (lanes drawn from their events alone — what the sampler costs is measured so). */
  samplePeriodMs?: number | null;
}

export interface PythonRunHandle {
  /** The run as far as it got (live bars while it runs). */
  snapshot(): PythonRun;
  done: Promise<PythonRun>;
  /** Stops the interpreter and every child process; unfinished lanes fail with `reason`. */
  cancel(reason?: string): Promise<void>;
}

const HARNESS = fileURLToPath(new URL('../../workloads/python/harness.py', import.meta.url));

/** Runs the tasks on a real Python interpreter with one strategy, traced thread by thread. */
export function startPythonRun(spec: PythonRunSpec): PythonRunHandle {
  const dir = mkdtempSync(join(tmpdir(), 'concur-tui-py-'));
  const socketPath = join(dir, 'trace.sock');
  const laneEvents: LaneEvent[][] = spec.tasks.map(() => []);
  const threadOf: ({ pid: number; tid: number | null } | null)[] = spec.tasks.map(() => null);
  const failures: (string | null)[] = spec.tasks.map(() => null);
  const pending: HarnessEvent[] = [];
  const sampler = new ThreadSampler();
  // This process samples, takes the harness's events, serves its queries and collects its garbage: its CPU,
  // every thread's, is the tool's, not another program's (crowding.ts). In columns, as the threads' samples.
  const toolCpu = new SampleSeries();
  const sample = () => {
    const atUs = nowUs();
    sampler.sample(atUs);
    const { user, system } = process.cpuUsage();
    toolCpu.push(atUs, (user + system) * 1_000, 0, 0, false, false);
  };
  let originNs: bigint | null = null;
  let timeout: NodeJS.Timeout | null = null;
  let endedAtUs: number | null = null;
  let stderrTail = '';

  // Integer µs, as everywhere in a Trace.
  const nowUs = () => (originNs === null ? 0 : Math.round(Number(process.hrtime.bigint() - originNs) / 1_000));
  const toUs = (ns: bigint) => Math.round(Number(ns - originNs!) / 1_000);
  const idle = new IdleWindow(); // the machine's, from the run's start to its last lane's end: crowding.ts's bound
  const end = (lane: number, atUs: number, error: string | null) => {
    if (laneEvents[lane]!.some((event) => event.type === 'end')) return;
    laneEvents[lane]!.push({ type: 'end', atUs, ok: error === null });
    failures[lane] = error;
    if (laneEvents.every((events) => events.some((event) => event.type === 'end'))) idle.end(nowUs());
  };
  const record = (event: HarnessEvent) => {
    if (event.ev === 'begin') {
      originNs = event.ns;
      idle.start(nowUs());
      // The cores the interpreter was granted, read back from it (its CPU mask, inherited by its children).
      const granted = child?.pid === undefined ? null : allowedCpus(child.pid);
      if (granted !== null && granted.length > 0) cores = setup.coresGranted = granted.length;
      // The timeout counts from the run's start, as for Node runs: the interpreter's own start-up is not the strategy's.
      if (spec.timeoutMs != null) timeout = setTimeout(() => void cancel(`timed out after ${spec.timeoutMs} ms`), spec.timeoutMs);
      pending.splice(0).forEach(record);
      return;
    }
    if (originNs === null) return void pending.push(event);
    const atUs = toUs(event.ns);
    const log = laneEvents[event.lane];
    if (log === undefined) throw new Error(`harness: event for unknown lane ${event.lane}`);
    switch (event.ev) {
      case 'spawn':
        return void log.push({ type: 'spawn', atUs });
      case 'start':
        threadOf[event.lane] = { pid: event.pid, tid: event.tid };
        if (event.tid !== null) sampler.follow(event.pid, event.tid);
        return void log.push({ type: 'start', atUs, first: event.first });
      case 'phase':
        return void log.push({ type: 'phase', atUs, kind: event.kind, plannedUs: event.plannedUs });
      case 'done':
        return end(event.lane, atUs, null);
      case 'error':
        return end(event.lane, atUs, event.message);
      case 'exit':
        return end(event.lane, atUs, `its process exited with code ${event.code}`);
      default:
        return assertNever(event, 'harness event');
    }
  };

  let openConnections = 0;
  let onDrained: (() => void) | null = null;
  const server = createServer((connection: Socket) => {
    openConnections++;
    connection.on('close', () => {
      openConnections--;
      if (openConnections === 0) onDrained?.();
    });
    let buffered = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        record(parseHarnessEvent(buffered.slice(0, newline)));
        buffered = buffered.slice(newline + 1);
      }
    });
    connection.on('error', () => undefined);
  });

  const setup = pythonSetup(spec);
  let cores = spec.cores;
  const build = (): PythonRun => {
    const stopUs = endedAtUs ?? nowUs();
    const spans: Span[] = [];
    const lanes: Lane[] = spec.tasks.map((task, i) => {
      const thread = threadOf[i];
      const samples = thread?.tid == null ? NO_SAMPLES : sampler.samples(thread.tid);
      spans.push(...laneSpans(i, task.arrivalUs, laneEvents[i]!, samples, stopUs));
      return { id: i, name: task.name, group: thread ? groupOf(spec.strategy, thread.pid, thread.tid) : '', arrivalUs: task.arrivalUs };
    });
    const instants: Instant[] = [];
    if (spec.python.gilEnabled) {
      for (const pid of new Set(threadOf.map((thread) => thread?.pid))) {
        const own = spans.filter((span) => threadOf[span.lane]?.pid === pid);
        instants.push(...handoffs(own, (lane) => threadOf[lane]?.tid ?? null).map(({ atUs, lane }): Instant => ({ kind: 'gil-handoff', atUs, lane })));
      }
    }
    instants.sort((a, b) => a.atUs - b.atUs);
    // Never more threads running than cores granted: a hand-off inside one sample would show two.
    const limited = limitRunning(spans, cores).spans;
    const metrics = metricsFromSpans(lanes, limited);
    const tids = new Set(threadOf.flatMap((thread) => (thread?.tid == null ? [] : [thread.tid])));
    let contextSwitches = 0;
    for (const tid of tids) {
      const samples = sampler.samples(tid);
      if (samples.length > 1) contextSwitches += samples.timeslices(samples.length - 1) - samples.timeslices(0);
    }
    return {
      source: 'real',
      strategy: spec.strategy,
      setup,
      elapsedUs: metrics.elapsedUs,
      cpuUtilization: utilization(metrics.busyUs, cores, metrics.elapsedUs),
      contextSwitches,
      gilHandoffs: instants.length,
      speedupVsSequential: null,
      cores,
      tasks: metrics.tasks.map((task, i) => (failures[i] === null ? task : { ...task, error: failures[i]! })),
      lanes,
      spans: limited,
      instants,
    };
  };

  /** The finished run, with the CPU other programs took from its threads (read once: it reads every sample; absent without samples: no /proc, or sampling off). */
  const finalRun = (): PythonRun => {
    const run = build();
    const threads = [...new Set(threadOf.flatMap((thread) => (thread?.tid == null ? [] : [thread.tid])))].map((tid) => readCounters(sampler.samples(tid)));
    return threads.some((samples) => samples.length > 1) ? { ...run, crowdedUs: crowdedUsOfRun(threads, cores, [toolCpu], run.spans, idle.window()) } : run;
  };
  let finished: PythonRun | null = null;

  let child: ReturnType<typeof spawn> | null = null;
  let sampling: NodeJS.Timeout | null = null;
  const failUnfinished = (reason: string) => {
    const atUs = nowUs();
    spec.tasks.forEach((_task, lane) => end(lane, atUs, reason));
  };
  /** SIGKILL to the interpreter's process group (`evenAfterExit`: strays outlive their parent). */
  const killGroup = (evenAfterExit = false) => {
    if (child?.pid === undefined) return;
    if (!evenAfterExit && (child.exitCode !== null || child.signalCode !== null)) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };

  let cancelledBeforeStart: string | null = null;
  const done = new Promise<PythonRun>((resolve, reject) => {
    server.on('error', reject);
    void Promise.resolve(spec.database).then((db) => {
      if (cancelledBeforeStart !== null) {
        failUnfinished(cancelledBeforeStart);
        return finish();
      }
      server.listen(socketPath, () => launch(db));
    }, reject);
    const launch = (db: DatabaseAccess | null) => {
      const harnessSpec = {
        strategy: spec.strategy,
        workers: spec.workers,
        tasks: spec.tasks,
        traceSocket: socketPath,
        switchIntervalUs: spec.switchIntervalUs,
        checkInterval: spec.checkInterval,
        dbPort: db?.port ?? null,
        dbToken: db?.token ?? null,
      };
      // Its own process group (detached), so that one signal reaches every multiprocessing child.
      // Under taskset when pinned: it execs the interpreter, so the group is still the interpreter's.
      const line = withAffinity(spec.affinity, spec.python.path, [...isolationFlags(spec.python), HARNESS]);
      child = spawn(line.command, line.args, { stdio: ['pipe', 'ignore', 'pipe'], detached: true });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-4_096)));
      child.stdin!.on('error', () => undefined);
      child.stdin!.write(`${JSON.stringify(harnessSpec)}\n`);
      child.on('error', (error) => {
        failUnfinished(`${spec.python.path} could not be started: ${error.message}`);
        finish();
      });
      child.on('exit', (code, signal) => {
        // Every process of the run dies with the interpreter; their last events may still be in
        // flight on the socket, so the run ends when every connection has closed.
        killGroup(true);
        const settle = () => {
          const said = stderrTail.trim().split('\n').at(-1);
          failUnfinished(said ? said : signal ? `the interpreter was killed by ${signal}` : `the interpreter exited with code ${code}`);
          finish();
        };
        if (openConnections === 0) settle();
        else onDrained = settle;
      });
      if (spec.samplePeriodMs !== null) sampling = setInterval(() => originNs !== null && sample(), spec.samplePeriodMs ?? SAMPLE_PERIOD_US / 1_000);
    };
    let ended = false;
    function finish() {
      if (ended) return;
      ended = true;
      if (sampling) clearInterval(sampling);
      if (timeout) clearTimeout(timeout);
      endedAtUs = Math.max(0, ...laneEvents.flat().map((event) => event.atUs));
      server.close();
      rmSync(dir, { recursive: true, force: true });
      try {
        finished = finalRun();
        resolve(finished);
      } catch (error) {
        reject(error);
      } finally {
        sampler.close();
      }
    }
  });

  const cancel = async (reason = 'cancelled') => {
    cancelledBeforeStart ??= reason;
    failUnfinished(reason);
    killGroup();
    await done.catch(() => undefined);
  };
  return { snapshot: () => finished ?? build(), done, cancel };
}
