import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { allowedCpus } from '../src/engine/affinity.js';
import { SHORT_CALL_RETURNER_WINS, SHORT_CALL_WAITER_WINS } from '../src/engine/emulator/new-gil.js';
import { describeInterpreter, discoverInterpreters, type PythonInterpreter } from '../src/engine/python/interpreter.js';
import { startDbServer } from '../src/workloads/db-server.js';
import { markdownTable, median, type BenchSection } from './report.js';

/**
 * `npm run bench -- convoy`: why verify's new-GIL round trip beside a CPU thread waits more than
 * one switch interval (issue 13). convoy-probe.py times each `sendall` and `recv` of verify's
 * round trip (kept connection, the engine's loopback database in this process), alone and beside
 * a CPU thread, with where the waiting CPU thread last ran and the I/O thread's context switches
 * around each send; a send that took longer than LOST_US lost the GIL. Three placements of the
 * database server (this process's main thread, pinned with `taskset -p`): free (as verify runs),
 * on the I/O thread's core, on the CPU thread's core (both Python threads pinned apart). The
 * finding (FIDELITY.md): the signalled CPU thread wins the GIL during the send when it wakes on
 * the other core, whoever runs the server; the server's place changes the odds (the send's length).
 */
const ROUNDS = 3;
const TRIPS = 300;
/** A send alone takes tens of µs; one that lost the GIL waits about an interval (5 ms). */
const LOST_US = 1_000;
const PROBE = fileURLToPath(new URL('../../bench/convoy-probe.py', import.meta.url));

interface Placement {
  name: string;
  ioCpu: number;
  cpuCpu: number;
  /** The CPU this process's main thread (the server's event loop) is pinned to, or -1. */
  serverCpu: number;
}

const PLACEMENTS: Placement[] = [
  { name: 'free (as verify)', ioCpu: -1, cpuCpu: -1, serverCpu: -1 },
  { name: 'server on the I/O thread’s core', ioCpu: 0, cpuCpu: 1, serverCpu: 0 },
  { name: 'server on the CPU thread’s core', ioCpu: 0, cpuCpu: 1, serverCpu: 1 },
];

/**
 * convoy-probe.py's record of a round trip: [send_ns, recv_ns, send_voluntary, send_involuntary,
 * recv_voluntary, recv_involuntary, cpu_before_send, cpu_after_send, cpu_after_recv,
 * cpu_thread_cpu_at_send, send_start_ns].
 */
type Trip = number[];
/** The CPU thread resumed after a pause: [paused_ns, resumed_ns, cpu]. */
type Resume = number[];

interface Probe {
  alone: Trip[];
  beside: Trip[];
  resumes: Resume[];
  /** This process's CPU (the server, mostly) per round trip, in µs. */
  serverCpuUs: number;
}

function pinMainThread(cpus: string): void {
  spawnSync('taskset', ['-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

async function probe(python: PythonInterpreter, placement: Placement): Promise<Probe | null> {
  const db = await startDbServer({ longestQueryMs: 0, clients: 2 });
  const all = (allowedCpus('self') ?? [0, 1]).join(',');
  if (placement.serverCpu >= 0) pinMainThread(String(placement.serverCpu));
  const before = process.cpuUsage();
  try {
    const args = [PROBE, String(db.address.port), db.address.token, String(placement.ioCpu), String(placement.cpuCpu), String(TRIPS)];
    // Asynchronous: the database answers from this process's event loop meanwhile.
    const child = spawn(python.path, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const used = process.cpuUsage(before);
    if (code !== 0) return null;
    const { alone, beside, resumes } = JSON.parse(out) as { alone: Trip[]; beside: Trip[]; resumes: Resume[] };
    return { alone, beside, resumes, serverCpuUs: (used.user + used.system) / (alone.length + beside.length) };
  } finally {
    if (placement.serverCpu >= 0) pinMainThread(all);
    await db.close();
  }
}

interface Tally {
  alone: Trip[];
  beside: Trip[];
  /** Per lost send: how long after the send began the CPU thread ran bytecode again, in ns. */
  winnerWakeNs: number[];
  serverCpuUs: number[];
}

const share = (trips: Trip[], test: (trip: Trip) => boolean) => (trips.length === 0 ? Number.NaN : trips.filter(test).length / trips.length);
const pct = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(100 * x)} %`);
const us = (ns: number[]) => (ns.length === 0 ? '—' : (median(ns) / 1_000).toFixed(1));
const lostAtSend = (trip: Trip) => trip[0]! > LOST_US * 1_000;
/** The CPU thread last ran bytecode on the I/O thread's core when the send began. */
const sharingCore = (trip: Trip) => trip[9] === trip[6];

/** The first resume of the CPU thread after each lost send began, in ns from the send's start. */
function winnerWakes(beside: Trip[], resumes: Resume[]): number[] {
  const wakes: number[] = [];
  let next = 0;
  for (const trip of beside.filter(lostAtSend)) {
    while (next < resumes.length && resumes[next]![1]! < trip[10]!) next++;
    if (next < resumes.length) wakes.push(resumes[next]![1]! - trip[10]!);
  }
  return wakes;
}

/** One row: how often the send lost the GIL, by where the waiting CPU thread was, and what a round trip cost. */
function row(name: string, tally: Tally): string[] {
  const { alone, beside } = tally;
  const aloneTrip = median(alone.map((t) => t[0]! + t[1]!));
  const meanBeside = beside.reduce((sum, t) => sum + t[0]! + t[1]!, 0) / beside.length;
  const recvAlone = median(alone.map((t) => t[1]!));
  const recvLost = (t: Trip) => t[1]! - recvAlone > LOST_US * 1_000;
  // After a lost send the answer is already there: the receive is a short release too.
  const afterLost = beside.filter(lostAtSend);
  const afterKept = beside.filter((t) => !lostAtSend(t));
  return [
    name,
    us(alone.map((t) => t[0]!)),
    pct(share(beside, lostAtSend)),
    pct(share(beside, sharingCore)),
    pct(
      share(
        beside.filter((t) => !sharingCore(t)),
        lostAtSend,
      ),
    ),
    pct(share(beside.filter(sharingCore), lostAtSend)),
    pct(share(beside, (t) => t[3]! > 0)),
    us(tally.winnerWakeNs),
    pct(share(afterLost, recvLost)),
    pct(share(afterKept, recvLost)),
    ((meanBeside - aloneTrip) / 5e6).toFixed(2),
    median(tally.serverCpuUs).toFixed(0),
  ];
}

export async function convoyProbeBench(): Promise<BenchSection> {
  const wanted = (python: PythonInterpreter) => python.gilEnabled && python.implementation === 'CPython' && python.major === 3 && python.minor >= 11;
  const found = discoverInterpreters().flatMap((entry) => (entry.ok && wanted(entry.python) ? [entry.python] : []));
  const load = loadavg()[0]!;
  const tallies = new Map<string, Tally>();
  // Rounds interleave interpreters and placements, so a burst of load falls on all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const python of found) {
      for (const placement of PLACEMENTS) {
        const key = `${describeInterpreter(python)} · ${placement.name}`;
        const tally = tallies.get(key) ?? { alone: [], beside: [], winnerWakeNs: [], serverCpuUs: [] };
        tallies.set(key, tally);
        const result = await probe(python, placement);
        if (result === null) continue;
        tally.alone.push(...result.alone);
        tally.beside.push(...result.beside);
        tally.winnerWakeNs.push(...winnerWakes(result.beside, result.resumes));
        tally.serverCpuUs.push(result.serverCpuUs);
      }
    }
  }
  const header = [
    'interpreter · server',
    'send alone µs (median)',
    'send lost the GIL',
    'waiter on the I/O thread’s core',
    'lost, waiter on the other core',
    'lost, waiter on the same core',
    'I/O thread preempted at the send',
    'winner’s wake µs (median)',
    'recv lost it, after a lost send',
    'after a kept send',
    'extra per trip (intervals)',
    'server CPU per trip µs',
  ];
  const rows = [...tallies].filter(([, t]) => t.beside.length > 0).map(([name, t]) => row(name, t));
  return {
    title: 'Convoy: where the new GIL’s round trip loses the GIL',
    lines: [
      `${ROUNDS} rounds × ${TRIPS} round trips per placement, switch interval 5 ms; a send or recv "lost the GIL" when it took > ${LOST_US} µs more than alone (load average ${load.toFixed(1)} at the start).`,
      '"waiter on the I/O thread’s core": the CPU thread last ran bytecode on the core the send began on (sched_getcpu). "preempted": the I/O thread counted an involuntary context switch (getrusage RUSAGE_THREAD) across its `sendall`. "winner’s wake": from the send’s start to the CPU thread’s next bytecode, over the lost sends. After a lost send the answer is there when the receive starts, so it is a short release too; after a kept one it waits ~1.3 ms for it.',
      `The emulator's shares of the races (new-gil.ts) stand for these columns on a quiet machine: SHORT_CALL_WAITER_WINS (${SHORT_CALL_WAITER_WINS}) for "send lost the GIL", SHORT_CALL_RETURNER_WINS (${SHORT_CALL_RETURNER_WINS}) for "recv lost it, after a lost send"; the emulated race needs the winner on a core of its own, as the CPU thread was at the lost sends here.`,
      '',
      ...markdownTable(header, rows),
    ],
  };
}
