import { describe, expect, it } from 'vitest';
import { withSpeedups } from '../../src/engine/index.js';
import { formatRunTable } from '../../src/cli/text-table.js';
import { realRunOfTwo } from '../engine/real-run-fixture.js';

const realRun = realRunOfTwo;

describe('formatRunTable', () => {
  it('flags a speed-up above min(tasks, cores) with ! and a reason, and stars the fastest undisturbed run', () => {
    // `run --scenario count` once printed `worker * real 1.581s 2.61x` on 2 cores with 2 tasks.
    const runs = withSpeedups([realRun('sequential', 4_127_000), realRun('threads', 1_581_000), realRun('processes', 2_100_000)]);
    const text = formatRunTable({ workload: 'count', runs, notes: [] }, 'count, real');
    expect(text).toMatch(/^threads\s+real\s+!1\.581s\s+2\.61x/m);
    expect(text).toMatch(/^processes \*\s+real\s+2\.100s\s+1\.97x/m);
    expect(text).toContain('! disturbed, never the fastest: threads (real): speed-up 2.61× above the limit 2.00 of 2 tasks on 2 cores');
  });

  it('shows a run in progress as how far it got, without a speed-up or a star', () => {
    const runs = withSpeedups([realRun('sequential', 2_000_000), { ...realRun('threads', 600_000), inProgress: true as const }]);
    const text = formatRunTable({ workload: 'count', runs, notes: [] }, 'count, real');
    expect(text).toMatch(/^threads\s+real\s+600\.0ms…\s+-\s/m);
    expect(text).not.toContain('*');
    expect(text).toContain('… still running: how far it got, not a result');
  });
});
