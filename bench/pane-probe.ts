import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TmuxServer } from './tmux-server.js';
import { wireCost, type Chunk, type WireCost } from './wire-bound.js';

const RECORDER = fileURLToPath(new URL('./pane-recorder.js', import.meta.url));
/** What both programs are told they draw on: tmux's own terminal, with xterm's 256 colours. */
const PANE_TERM = 'screen-256color';

/** A program measured in a tmux pane, and the windows measured in one run of it. */
export interface PaneProgram {
  label: string;
  /** The shell command that runs it (exec'd, so the pane's process is the program). */
  command: string;
  /** Brings the program to where it can be measured (keys, waits); returns after it got there. */
  ready(pane: Pane): Promise<void>;
  /** Measured one after the other: each starts (a key, a wait) and is measured for its `ms`. */
  windows: readonly { label: string; ms: number; start(pane: Pane): Promise<void> }[];
}

/** What a program's `ready` may do with its pane. */
export interface Pane {
  keys(...keys: string[]): void;
  screen(): string;
}

/** One window of a program in a pane: CPU of its process tree and what it wrote. */
export interface PaneWindow extends WireCost {
  /** The program's label, then the window's. */
  label: string;
  wallMs: number;
  /** CPU of every thread of the program's processes in the window (schedstat: ns, not 10 ms ticks). */
  cpuMs: number;
  /** The part of `cpuMs` spent by the program's descendants (the dashboard's emulation process). */
  childCpuMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

/**
 * Runs `program` in a fresh `columns`×`rows` tmux pane whose output, from its first byte, is
 * recorded by `pipe-pane` (the program waits for the recorder before it starts); after
 * `ready`, measures each of its windows: CPU of the program's process tree and the bytes it
 * wrote, replayed in @xterm/headless for the changed-cell bound.
 */
export async function measurePane(server: TmuxServer, program: PaneProgram, columns = 80, rows = 24): Promise<PaneWindow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'concur-frames-'));
  const session = `frames-${Math.random().toString(36).slice(2, 8)}`;
  const go = join(dir, 'go');
  const stream = join(dir, 'stream');
  const tmux = (...args: string[]) => server.run(...args);
  try {
    const wait = `while [ ! -e ${go} ]; do sleep 0.02; done`;
    tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), `sh -c '${wait}; exec env -u CI TERM=${PANE_TERM} ${program.command}'`);
    tmux('pipe-pane', '-O', '-t', session, `exec ${process.execPath} ${RECORDER} ${stream}`);
    await until(() => existsSync(stream), 'the pane recorder to start');
    writeFileSync(go, '');
    const pid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
    const pane: Pane = { keys: (...keys) => tmux('send-keys', '-t', session, ...keys), screen: () => tmux('capture-pane', '-p', '-t', session) };
    await program.ready(pane);
    const measured: { label: string; fromMs: number; toMs: number; cpu: TreeCpuNs }[] = [];
    for (const window of program.windows) {
      await window.start(pane);
      const fromMs = now();
      const cpu0 = treeCpuNs(pid);
      await sleep(window.ms);
      const cpu1 = treeCpuNs(pid);
      measured.push({
        label: `${program.label}, ${window.label}`,
        fromMs,
        toMs: now(),
        cpu: windowCpuNs(pid, cpu0, cpu1),
      });
    }
    await sleep(50); // what was written before the last window ended reaches the recorder
    const chunks = readChunks(stream);
    const windows: PaneWindow[] = [];
    for (const { label, fromMs, toMs, cpu } of measured) {
      const cpuMs = (cpu.root + cpu.descendants) / 1e6;
      windows.push({ label, wallMs: toMs - fromMs, cpuMs, childCpuMs: cpu.descendants / 1e6, ...(await wireCost(chunks, columns, rows, fromMs, toMs)) });
    }
    return windows;
  } finally {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // the program already ended its session
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls `condition` every 20 ms; throws after 30 s naming what it waited for. */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`frames bench: waited ${timeoutMs / 1000} s for ${what}`);
    await sleep(20);
  }
}

function readChunks(file: string): Chunk[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [atMs, base64] = JSON.parse(line) as [number, string];
      return { atMs, bytes: new Uint8Array(Buffer.from(base64, 'base64')) };
    });
}

/** On-CPU ns in a window of a process's threads and of its descendants' threads. */
interface TreeCpuNs {
  root: number;
  descendants: number;
}

/**
 * CPU of the tree between two readings, process by process: a process that started meanwhile
 * counts from 0; one that ended meanwhile took its figure with it (the dashboard ends an idle
 * emulation process when its first picture was emulated inline), and counts nothing rather than
 * minus what it had used before the window.
 */
function windowCpuNs(pid: number, from: ReadonlyMap<number, number>, to: ReadonlyMap<number, number>): TreeCpuNs {
  const cpu = { root: 0, descendants: 0 };
  for (const [process, ns] of to) {
    const used = ns - (from.get(process) ?? 0);
    if (process === pid) cpu.root += used;
    else cpu.descendants += used;
  }
  return cpu;
}

/** On-CPU ns of every thread of `pid` and of each of its descendants, by process, from /proc/PID/task/TID/schedstat. */
function treeCpuNs(pid: number): Map<number, number> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOr(`/proc/${entry}/stat`);
    // The command (field 2) may hold spaces and parentheses: fields after its closing ')'.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const processNs = (of: number) =>
    readdirOr(`/proc/${of}/task`).reduce((sum, task) => sum + Number(readOr(`/proc/${of}/task/${task}/schedstat`).split(' ')[0] || 0), 0);
  const tree = new Map<number, number>();
  const pending = [pid];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    tree.set(next, processNs(next));
    pending.push(...(children.get(next) ?? []));
  }
  return tree;
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // the process or thread ended meanwhile
  }
}

function readdirOr(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
