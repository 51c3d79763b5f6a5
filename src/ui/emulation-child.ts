import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fromWire, type EmulatedRun, type EmulatedStrategy, type EmulatorParams, type TaskSpec, type WireRun } from '../engine/index.js';

/**
 * Most spans of one run the dashboard takes from its emulation process: turning columns back
 * into span objects costs ≈ 0.1 µs a span here, and every frame scans them. Beyond it, the run
 * is refused with the limit named, as an export is.
 */
export const MAX_DRAWN_SPANS = 1_000_000;

/** One run to emulate, under the key the dashboard keeps it by. */
export interface RunRequest {
  key: string;
  strategy: EmulatedStrategy;
  params: EmulatorParams;
}

/** What the dashboard sends its emulation process. */
export interface EmulationRequest {
  tasks: readonly TaskSpec[];
  runs: readonly RunRequest[];
}

/** What the process answers: each run as it is done, then `done`; or why it could not. */
export type EmulationAnswer = { type: 'run'; key: string; run: WireRun<EmulatedRun> } | { type: 'done' } | { type: 'failed'; message: string };

/** Where a background emulation's results go (on the dashboard's thread). */
export interface EmulationListener {
  onRun(key: string, run: EmulatedRun): void;
  onDone(): void;
  onFailed(message: string): void;
}

/** Emulates away from the input path. `start` returns the cancel; a cancelled job says nothing more. */
export interface BackgroundEmulator {
  start(tasks: readonly TaskSpec[], runs: readonly RunRequest[], listener: EmulationListener): () => void;
  /** Ends everything it started. */
  dispose(): void;
}

/** The built entry (also when this module runs from source under vitest, as the real engine's entries). */
function entryFile(): string {
  const here = fileURLToPath(import.meta.url);
  const path = here.endsWith('.ts')
    ? fileURLToPath(new URL('../../dist/src/ui/emulation-child-entry.js', import.meta.url))
    : fileURLToPath(new URL('./emulation-child-entry.js', import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}

/**
 * Emulations in a child process running the built emulator. Not a worker thread: a process
 * exits only once its worker threads have stopped, and a thread deep in a big emulation took
 * 0.4–4.9 s to stop on this machine (its heap being collected), so quitting waited for it. A
 * child is killed at once (SIGKILL) on cancel and on every way out. One job at a time; a child
 * that finished its job waits for the next (starting one costs ~50–150 ms).
 */
export class EmulationChild implements BackgroundEmulator {
  private idle: ChildProcess | null = null;
  private readonly live = new Set<ChildProcess>();
  private readonly killAll = () => this.dispose();

  constructor() {
    // Whatever way the dashboard ends (even process.exit in a signal handler), no child stays.
    process.on('exit', this.killAll);
  }

  start(tasks: readonly TaskSpec[], runs: readonly RunRequest[], listener: EmulationListener): () => void {
    const child = this.idle ?? this.spawn();
    this.idle = null;
    let over = false;
    const finish = () => {
      over = true;
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      if (over) return;
      const answer = message as EmulationAnswer;
      if (answer.type === 'run') return listener.onRun(answer.key, fromWire(answer.run));
      finish();
      if (answer.type === 'done') {
        this.park(child);
        return listener.onDone();
      }
      this.end(child);
      listener.onFailed(answer.message);
    };
    // A child that dies (out of memory, killed by someone) fails the job with the reason.
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (over) return;
      finish();
      this.end(child);
      listener.onFailed(`the emulation process ended (${signal ?? `exit ${code}`})`);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send({ tasks, runs } satisfies EmulationRequest);
    return () => {
      if (over) return;
      finish();
      this.end(child);
    };
  }

  dispose(): void {
    for (const child of this.live) this.end(child);
    process.off('exit', this.killAll);
  }

  private spawn(): ChildProcess {
    // No inherited flags (`-e SCRIPT`); nothing on the terminal; structured clone for typed arrays.
    const child = fork(entryFile(), [], { execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
    // Keys and frames come first: on a busy machine the emulation yields the cores to them.
    if (child.pid !== undefined) lowerPriority(child.pid);
    // An idle child never keeps the dashboard alive.
    child.unref();
    child.channel?.unref();
    child.on('error', () => this.end(child));
    this.live.add(child);
    return child;
  }

  private park(child: ChildProcess): void {
    if (this.idle === null) this.idle = child;
    else this.end(child);
  }

  private end(child: ChildProcess): void {
    if (this.idle === child) this.idle = null;
    this.live.delete(child);
    child.kill('SIGKILL');
  }
}

/** Nice 4: about 0.4 of the dashboard's share of a busy core (10 starved it behind real runs). */
const EMULATION_NICE = 4;

function lowerPriority(pid: number): void {
  try {
    setPriority(pid, EMULATION_NICE);
  } catch {
    // Not allowed here (a container's policy): the emulation then competes at the same priority.
  }
}
