/**
 * Why a real task failed, as named errors with their facts as fields. The engine passes these,
 * not strings, from where a failure is seen (a strategy, the run's timer) to the transition log;
 * the lane shows `message`, which keeps the words users already know.
 */
export abstract class RealRunError extends Error {
  /** Which failure this is, for code that reacts to a kind (the message is for people). */
  abstract readonly kind: 'task-threw' | 'task-crashed' | 'spawn-failed' | 'timed-out' | 'cancelled' | 'not-run';
}

/** The workload threw inside its executor (the message is the workload's own). */
export class TaskThrewError extends RealRunError {
  override name = 'TaskThrewError';
  readonly kind = 'task-threw';
}

/** The worker thread or child process running the task died under it. */
export class TaskCrashedError extends RealRunError {
  override name = 'TaskCrashedError';
  readonly kind = 'task-crashed';

  constructor(
    readonly executor: 'worker' | 'child',
    /** The exit code, when it exited. */
    readonly exitCode: number | null,
    /** The signal that killed it, when one did. */
    readonly signal: string | null,
    /** How the executor's host described it (piscina: "worker exited with code: 3"). */
    detail?: string,
  ) {
    super(detail ?? (signal ? `child process killed by ${signal}` : `child process exited with code ${exitCode}`));
  }

  /** A worker that piscina reports dead, with the exit code its message gives. */
  static ofWorker(message: string): TaskCrashedError {
    const code = /code:?\s*(-?\d+)/.exec(message)?.[1];
    return new TaskCrashedError('worker', code === undefined ? null : Number(code), null, message);
  }
}

/** A child process could not be started (EMFILE, EAGAIN…). */
export class SpawnFailedError extends RealRunError {
  override name = 'SpawnFailedError';
  readonly kind = 'spawn-failed';

  constructor(readonly failure: Error) {
    super(`cannot start a child process: ${failure.message}`);
  }
}

/** The run's `--timeout` ended it before the task finished. */
export class TimedOutError extends RealRunError {
  override name = 'TimedOutError';
  readonly kind = 'timed-out';

  constructor(readonly timeoutUs: number) {
    super(`timed out after ${timeoutUs / 1_000} ms`);
  }
}

/** The run was cancelled (a key, Ctrl-C, a newer run) before the task finished. */
export class CancelledError extends RealRunError {
  override name = 'CancelledError';
  readonly kind = 'cancelled';

  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The strategy returned without ever running the task (a bug, or a start that gave up). */
export class NotRunError extends RealRunError {
  override name = 'NotRunError';
  readonly kind = 'not-run';

  constructor() {
    super('the strategy ended without running it');
  }
}

/** Why a run's signal was aborted: the error it was aborted with, or a cancellation. */
export function abortReason(signal: AbortSignal): RealRunError {
  const reason: unknown = signal.reason;
  return reason instanceof RealRunError ? reason : new CancelledError(reason === undefined ? 'cancelled' : String(reason));
}
