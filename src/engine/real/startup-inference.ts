import type { TaskEvent } from './protocol.js';

/** The `hello` an executor sends when it starts a task. */
export type HelloEvent = Extract<TaskEvent, { type: 'hello' }>;

/** A task's start-up as inferred: `spawn` from its hand-over until its executor was ready. */
export interface InferredStartup {
  spawnFromUs: number;
  readyAtUs: number;
}

/**
 * Infers the start-up a lane waited for. Executors report when they finished loading, not when
 * they were asked for: a task handed to an executor that was still starting waited for that
 * start-up (`spawn`), then was ready; a task handed to a running executor only queued.
 */
export class StartupInference {
  readonly #submittedUs: number[];

  constructor(laneCount: number) {
    this.#submittedUs = new Array<number>(laneCount).fill(0);
  }

  /** The lane's task was handed to an executor (or, for a loop or a queue, became due) at `atUs`. */
  submitted(lane: number, atUs: number): void {
    this.#submittedUs[lane] = atUs;
  }

  /** The start-up the lane waited for, when its executor says hello; null when it waited for none. */
  startup(hello: HelloEvent): InferredStartup | null {
    const submittedUs = this.#submittedUs[hello.lane]!;
    // Only an executor's first task can have waited for its start-up.
    return hello.firstTask && hello.executorReadyUs > submittedUs ? { spawnFromUs: submittedUs, readyAtUs: hello.executorReadyUs } : null;
  }
}
