import type { ChildProcess } from 'node:child_process';
import { fromWire, type EmulatedRun, type EmulatedStrategy, type EmulatorParams, type TaskSpec, type WireRun } from '../engine/index.js';
import { spawnEmulationProcess } from './emulation-process.js';

export { MAX_DRAWN_SPANS } from './emulation-process.js';

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

  /** @param spare a process started ahead (`spawnEmulationProcess`), so the first job does not wait for one to start. */
  constructor(spare: ChildProcess | null = null) {
    // Whatever way the dashboard ends (even process.exit in a signal handler), no child stays.
    process.on('exit', this.killAll);
    if (spare !== null) this.idle = this.adopt(spare);
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

  /** Ends the process waiting for a job, if any: the next job starts one (a first picture emulated inline leaves the spare unused). */
  releaseIdle(): void {
    if (this.idle !== null) this.end(this.idle);
  }

  dispose(): void {
    for (const child of this.live) this.end(child);
    process.off('exit', this.killAll);
  }

  private spawn(): ChildProcess {
    return this.adopt(spawnEmulationProcess());
  }

  private adopt(child: ChildProcess): ChildProcess {
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
