import { EmulatorInvariantError } from '../errors.js';
import type { Core, SimThread } from './sim-types.js';
import type { StateVisitor } from './steady-state.js';

/**
 * The machine's cores: which thread occupies each, and a token per core that a pending slice-end
 * or dispatch-done event must match (it changes whenever the core's plan changes).
 */
export class Cores {
  private readonly cores: Core[];
  private free: number;

  constructor(count: number) {
    this.cores = Array.from({ length: count }, (_, id) => ({ id, thread: null, token: 0 }));
    this.free = count;
  }

  /** Cores with no thread on them. */
  get idle(): number {
    return this.free;
  }

  /** The core numbered `id`. */
  at(id: number): Core {
    return this.cores[id]!;
  }

  /** Where to run `thread`: the core it last ran on if free (cache affinity), else the first free one. */
  choose(thread: SimThread): Core {
    const last = thread.lastCore >= 0 ? this.cores[thread.lastCore]! : undefined;
    if (last && last.thread === null) return last;
    for (const core of this.cores) if (core.thread === null) return core;
    throw new EmulatorInvariantError('no free core to dispatch on');
  }

  /** Puts `thread` on the free `core`. */
  occupy(core: Core, thread: SimThread): void {
    core.thread = thread;
    core.token++;
    this.free--;
    thread.core = core.id;
  }

  /** Takes `thread` off its core, if it has one. */
  vacate(thread: SimThread): void {
    if (thread.core < 0) return;
    const core = this.cores[thread.core]!;
    core.thread = null;
    core.token++;
    thread.core = -1;
    this.free++;
  }

  /** Visits who is on each core (steady-state.ts); tokens matter only against events', visited there. */
  visitSteadyState(s: StateVisitor): void {
    s.same(this.free);
    for (const core of this.cores) s.same(core.thread);
  }

  /** Cancels the pending event of the core `thread` is on (its slice is planned anew). */
  replan(thread: SimThread): void {
    this.cores[thread.core]!.token++;
  }
}
