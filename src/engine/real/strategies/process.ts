import { fork, type ChildProcess } from 'node:child_process';
import type { FromChild, ToChild } from '../child-entry.js';
import { builtEntry } from '../entry-path.js';
import { killOnExit } from '../reaper.js';
import { SpawnFailedError, TaskCrashedError, abortReason, type RealRunError } from '../run-errors.js';
import type { StrategyContext, StrategyRunner } from '../strategy-context.js';

/** How long a child may take to stop after SIGTERM before it gets SIGKILL. */
const TERM_GRACE_MS = 300;

/**
 * How long a child may take from fork to `ready` (25–63 ms on an idle machine, FACTS.md). Under
 * a low process limit a child can hang in start-up without ever exiting; past this it is killed
 * and its task fails with the reason, instead of the run waiting forever.
 */
export const STARTUP_DEADLINE_MS = 10_000;

/**
 * The children's environment: ours without NODE_EXTRA_CA_CERTS, which makes every new Node
 * process load certificates (~35 ms of CPU, FACTS.md) that loopback work never uses.
 */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/**
 * The Node flags children inherit: only memory and GC tuning. Everything else in our execArgv
 * belongs to how we were started (`-e SCRIPT`, `--input-type`, a test runner's loaders), and a
 * child handed `-e SCRIPT` would run that script, not its entry: one run forked itself forever.
 */
export function childExecArgv(): string[] {
  return process.execArgv.filter((arg) => /^--(max-semi-space-size|max-old-space-size|expose-gc|enable-source-maps)(=|$)/.test(arg));
}

/**
 * Serves `pending` with one child after another until no task is left; `eager` forks the first
 * child even when none is (a pool's worker, forked up front whether or not a task comes its way).
 */
type ServeWhileTasks = (pending: number[], options?: { eager?: boolean }) => Promise<void>;

/**
 * Forks the children `body` asks for (no shell: `fork` runs node with an argument array) and,
 * whatever happens, stops every one of them once `body` is done or the run is cancelled.
 */
async function withChildren(context: StrategyContext, body: (serveWhileTasks: ServeWhileTasks) => Promise<unknown>): Promise<void> {
  const live = new Set<ChildProcess>();
  const stopAll = () => {
    for (const child of live) stop(child);
  };
  context.signal.addEventListener('abort', stopAll, { once: true });
  // One child at a time serves `pending` until no task is left; a dead child is replaced.
  const serveWhileTasks: ServeWhileTasks = async (pending, { eager = false } = {}) => {
    for (let first = eager; (first || pending.length > 0) && !context.signal.aborted; first = false) {
      const child = fork(builtEntry('child-entry.js'), [], {
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        env: childEnv(),
        execArgv: childExecArgv(),
      });
      live.add(child);
      const forget = killOnExit(child);
      await serve(child, pending, context);
      forget();
      live.delete(child);
    }
  };
  try {
    await body(serveWhileTasks);
  } finally {
    context.signal.removeEventListener('abort', stopAll);
    stopAll();
  }
}

/**
 * A child process per task, forked when the task arrives (its start-up is the lane's `spawn`),
 * as `multiprocessing.Process` per task: the exact twin of the emulated `processes`.
 */
export const runProcesses: StrategyRunner = (context) =>
  withChildren(context, (serveWhileTasks) =>
    Promise.all(
      context.tasks.map(async (task, lane) => {
        await context.arrival(task);
        await serveWhileTasks([lane]);
      }),
    ),
  );

/**
 * A pool of `poolSize` children forked when the strategy starts (multiprocessing.Pool forks its
 * workers up front), taking tasks in arrival order, one at a time each.
 */
export const runProcessPool: StrategyRunner = (context) => {
  const pending = context.tasks.map((_, lane) => lane).sort((a, b) => context.tasks[a]!.arrivalUs - context.tasks[b]!.arrivalUs);
  return withChildren(context, (serveWhileTasks) => Promise.all(Array.from({ length: context.poolSize }, () => serveWhileTasks(pending, { eager: true }))));
};

/** Feeds tasks to one child until none is left or it dies; resolves once it is gone. */
function serve(child: ChildProcess, pending: number[], context: StrategyContext): Promise<void> {
  let childReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (childReady = resolve));
  let childGone: () => void = () => {};
  const gone = new Promise<void>((resolve) => (childGone = resolve));
  return new Promise((resolve) => {
    let current: number | null = null;
    let started = false;
    let startFailure: SpawnFailedError | null = null;
    const deadline = setTimeout(() => {
      startFailure = new SpawnFailedError(new Error(`it did not start within ${STARTUP_DEADLINE_MS / 1_000} s (a process limit? ulimit -u)`));
      child.kill('SIGKILL');
    }, STARTUP_DEADLINE_MS);
    deadline.unref();
    // The next task is taken while the child still starts, so its lane shows the start-up as spawn.
    const next = async () => {
      const lane = pending.shift();
      if (lane === undefined || context.signal.aborted) return void child.disconnect();
      current = lane;
      await context.arrival(context.tasks[lane]!);
      context.report.submitted(lane);
      context.report.group(lane, `P${child.pid}`);
      await Promise.race([ready, gone]);
      if (!child.connected) {
        // The child died before the task reached it. If it had started, the task goes back for
        // the next child; if it never started, the task fails (so a broken start cannot loop).
        if (started) {
          pending.unshift(lane);
          current = null;
        }
        return;
      }
      child.send({ kind: 'task', order: { lane, task: context.tasks[lane]! }, context: context.executor } satisfies ToChild);
    };
    child.on('message', (message: FromChild) => {
      if (message.kind === 'ready') {
        started = true;
        clearTimeout(deadline);
        childReady();
      } else {
        context.report.message(message);
        if (message.kind === 'event') return;
        current = null;
        void next();
      }
    });
    const ended = (reason: () => RealRunError) => {
      clearTimeout(deadline);
      if (current !== null && !context.report.isFinished(current)) {
        context.report.fail(current, context.signal.aborted ? abortReason(context.signal) : reason());
      }
      resolve();
    };
    child.on('error', (error) => {
      // A fork that failed (EMFILE, EAGAIN) has no pid and never exits; any other error is a
      // send to a dying child, which its exit reports.
      if (child.pid === undefined) {
        childGone();
        ended(() => new SpawnFailedError(error));
      }
    });
    child.on('exit', (code, signal) => {
      childGone();
      // Messages the child sent just before dying may still be on their way ('close' would wait
      // for them, but Node 20 does not emit it once we disconnected): let them land first.
      setImmediate(() => ended(() => startFailure ?? new TaskCrashedError('child', code, signal)));
    });
    void next();
  });
}

function stop(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), TERM_GRACE_MS).unref();
}
