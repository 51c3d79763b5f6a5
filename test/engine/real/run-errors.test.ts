import { describe, expect, it } from 'vitest';
import { CancelledError, SpawnFailedError, TaskCrashedError, TimedOutError, abortReason } from '../../../src/engine/real/run-errors.js';
import { StartupInference } from '../../../src/engine/real/startup-inference.js';

describe('real run errors', () => {
  it('keep the words lanes have always shown, with the facts as fields', () => {
    expect(new TaskCrashedError('child', null, 'SIGKILL')).toMatchObject({
      message: 'child process killed by SIGKILL',
      signal: 'SIGKILL',
      kind: 'task-crashed',
    });
    expect(new TaskCrashedError('child', 3, null).message).toBe('child process exited with code 3');
    expect(TaskCrashedError.ofWorker('worker exited with code: 3')).toMatchObject({ message: 'worker exited with code: 3', executor: 'worker', exitCode: 3 });
    expect(new TimedOutError(150_000)).toMatchObject({ message: 'timed out after 150 ms', timeoutUs: 150_000 });
    expect(new SpawnFailedError(new Error('EAGAIN')).message).toBe('cannot start a child process: EAGAIN');
  });

  it('an aborted signal gives the error it was aborted with, or a cancellation with its reason', () => {
    const timedOut = new AbortController();
    timedOut.abort(new TimedOutError(1_000));
    expect(abortReason(timedOut.signal)).toBeInstanceOf(TimedOutError);
    const stopped = new AbortController();
    stopped.abort('stopped');
    expect(abortReason(stopped.signal)).toEqual(new CancelledError('stopped'));
    expect(abortReason(stopped.signal).message).toBe('stopped');
  });
});

describe('StartupInference', () => {
  const hello = (lane: number, executorReadyUs: number, firstTask: boolean) => ({
    type: 'hello' as const,
    lane,
    atUs: executorReadyUs,
    pid: 1,
    tid: 2,
    executorReadyUs,
    firstTask,
  });

  it('a first task handed over before its executor was ready waited for its start-up', () => {
    const startup = new StartupInference(2);
    startup.submitted(0, 1_000);
    expect(startup.startup(hello(0, 30_000, true))).toEqual({ spawnFromUs: 1_000, readyAtUs: 30_000 });
  });

  it('a task handed to a ready executor, or to one that ran a task before, only queued', () => {
    const startup = new StartupInference(2);
    startup.submitted(0, 40_000);
    expect(startup.startup(hello(0, 30_000, true))).toBeNull();
    startup.submitted(1, 1_000);
    expect(startup.startup(hello(1, 30_000, false))).toBeNull();
  });
});
