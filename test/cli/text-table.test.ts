import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, TUTORIAL_CALIBRATION, emulate, findScenario, scenarioTasks, withSpeedups } from '../../src/engine/index.js';
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

describe('formatRunTable GIL columns', () => {
  it('gives each run its hand-offs a second, its contention from the spans and its median hold', () => {
    const scenario = findScenario('convoy')!;
    const trace = emulate({ workload: 'convoy', tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] }, ['sequential', 'threads'], DEFAULT_PARAMS);
    const threads = trace.runs[1]!;
    const time = (state: string) => threads.spans.filter((span) => span.state === state).reduce((sum, span) => sum + span.endUs - span.startUs, 0);
    const contention = Math.round((100 * time('gil-wait')) / (time('running') + time('gil-wait')));
    const rate = Math.round(threads.gilHandoffs / (threads.elapsedUs / 1e6));
    const text = formatRunTable(trace, 'convoy');
    expect(text).toMatch(/^strategy\s+source\s+elapsed\s+speedup\s+CPU\s+switches\s+GIL hand-offs\s+hand-offs\/s\s+contention\s+median hold$/m);
    expect(contention).toBeGreaterThan(10);
    expect(text).toMatch(new RegExp(`^threads.* ${threads.gilHandoffs}\\s+${rate}\\s+${contention}%\\s+\\d\\.\\d\\dms$`, 'm'));
    expect(text).toMatch(/^sequential.* 0\s+0\s+0%\s+-$/m);
  });
});
