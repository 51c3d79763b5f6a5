import type { EmulatedRun } from '../engine/index.js';

/**
 * Spans kept beyond the picture on screen: room for the runs of a few keys back (count's are a
 * few thousand spans each), not for a run of millions (about 100 B a span).
 */
export const MAX_KEPT_SPANS = 2_000_000;

/**
 * The dashboard's emulated runs by identity key, least recently used first: a key pressed and
 * pressed back finds its runs here. Runs of the picture on screen are always kept; others go,
 * oldest first, once the kept spans exceed `maxSpans`.
 */
export class RunCache {
  private readonly runs = new Map<string, EmulatedRun>();
  private spans = 0;

  constructor(private readonly maxSpans = MAX_KEPT_SPANS) {}

  has(key: string): boolean {
    return this.runs.has(key);
  }

  set(key: string, run: EmulatedRun): void {
    this.drop(key);
    this.runs.set(key, run);
    this.spans += run.spans.length;
  }

  /** The run of `key`, now the most recently used. */
  use(key: string): EmulatedRun {
    const run = this.runs.get(key);
    if (run === undefined) throw new Error(`no emulated run for ${JSON.stringify(key)}`);
    this.runs.delete(key);
    this.runs.set(key, run);
    return run;
  }

  /** Forgets the least recently used runs, never those of `current`, while more than `maxSpans` spans are kept. */
  trim(current: readonly string[]): void {
    const keep = new Set(current);
    for (const key of [...this.runs.keys()]) {
      if (this.spans <= this.maxSpans) return;
      if (!keep.has(key)) this.drop(key);
    }
  }

  private drop(key: string): void {
    const run = this.runs.get(key);
    if (run === undefined) return;
    this.spans -= run.spans.length;
    this.runs.delete(key);
  }
}
