import type { SampleSource, SchedSample } from '../../../src/engine/real/procfs.js';

/** An in-memory SampleSource: samples are added by hand, as the /proc sampler would take them. */
export class FakeSampler implements SampleSource {
  private readonly byLane = new Map<number, SchedSample[]>();
  private readonly revisions = new Map<number, number>();
  private readonly tracked = new Set<number>();
  private readonly threads = new Map<number, number>();

  track(lane: number, tid = 100 + lane): void {
    this.byLane.set(lane, []);
    this.tracked.add(lane);
    this.threads.set(lane, tid);
    this.revisions.set(lane, this.revision(lane) + 1);
  }

  untrack(lane: number): void {
    this.tracked.delete(lane);
  }

  add(lane: number, atUs: number, onCpuNs: number, runQueueNs: number, timeslices = 0): void {
    this.byLane.get(lane)!.push({ atUs, onCpuNs, runQueueNs, timeslices });
  }

  /** Drops every other old sample, as thinning does. */
  thin(lane: number): void {
    const samples = this.byLane.get(lane)!;
    this.byLane.set(
      lane,
      samples.filter((_, i) => i === 0 || i % 2 === 0 || i >= samples.length / 2),
    );
    this.revisions.set(lane, this.revision(lane) + 1);
  }

  samples(lane: number): readonly SchedSample[] {
    return this.byLane.get(lane) ?? [];
  }

  revision(lane: number): number {
    return this.revisions.get(lane) ?? 0;
  }

  isTracked(lane: number): boolean {
    return this.tracked.has(lane);
  }

  threadOf(lane: number): number | undefined {
    return this.threads.get(lane);
  }
}
