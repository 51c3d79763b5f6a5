import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, TUTORIAL_CALIBRATION, emulate, findScenario, parseTasks, scenarioTasks, withSpeedups, type Run } from '../../../src/engine/index.js';
import { DIM } from '../../../src/ui/render/style.js';
import { lineText } from '../../../src/ui/render/line.js';
import { tableLines as tableLinesOf } from '../../../src/ui/render/table-lines.js';
import { realRunOfTwo } from '../../engine/real-run-fixture.js';

const theme = { color: false, unicode: true };
const tableLines = (...args: Parameters<typeof tableLinesOf>) => tableLinesOf(...args).map(lineText);

const realRun = realRunOfTwo;

describe('tableLines with real runs', () => {
  it('shows a failed run as failed, without speedup or fastest mark, and says why below', () => {
    const real = withSpeedups([realRun('sequential', 2_000_000), realRun('async', 150_000, 'timed out after 150 ms'), realRun('threads', 1_000_000)]);
    const lines = tableLines([], real, 0, 80, theme);
    expect(lines[0]).toMatch(/^strategy\s+real\s+×real\s+[│|]\s+emulated/);
    expect(lines.find((line) => line.includes('async'))).toMatch(/^async\s+1 failed\s+-\s+│\s+-\s+-\s+-/);
    expect(lines.find((line) => line.includes('threads'))).toMatch(/^threads\s+\*1\.000s\s+2\.00\s+│\s+-/);
    expect(lines.at(-1)).toBe('✗ count-1 (async): timed out after 150 ms');
  });

  it('cuts a long reason to a narrow terminal', () => {
    const lines = tableLines(
      [],
      withSpeedups([realRun('sequential', 2_000_000), realRun('threads', 1_000_000, 'worker exited with code: 3 after a very long explanation')]),
      0,
      60,
      theme,
    );
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^✗ count-1 \(threads\): worker exited with code: 3 after a ver…$/);
    expect(lines.at(-1)!.length).toBe(60);
  });

  it('keeps the strategy names whole on a narrow terminal; the rightmost columns give way', () => {
    const lines = tableLines([], withSpeedups([realRun('sequential', 2_000_000), realRun('threads', 1_000_000)]), 0, 64, theme);
    expect(lines[1]).toMatch(/^sequential\s+2\.000s/);
    expect(lines.every((line) => line.length <= 64)).toBe(true);
  });

  it('adds no line when nothing failed', () => {
    expect(tableLines([], withSpeedups([realRun('sequential', 2_000_000), realRun('threads', 1_000_000)]), 0, 80, theme)).toHaveLength(3);
  });
});

describe('tableLines marks', () => {
  const emulatedRuns = () =>
    emulate({ workload: 'count', tasks: parseTasks('50ms,50ms'), notes: [] }, ['sequential', 'threads', 'processes'], { ...DEFAULT_PARAMS, gil: 'new' }).runs;

  it('marks the fastest real run and the fastest emulated run, each in its own column', () => {
    const real = withSpeedups([realRun('sequential', 2_000_000), realRun('threads', 1_100_000), realRun('processes', 1_050_000)]);
    const lines = tableLines(emulatedRuns(), real, Number.POSITIVE_INFINITY, 80, theme);
    const real2 = withSpeedups([realRun('sequential', 2_000_000), realRun('threads', 1_050_000), realRun('processes', 1_100_000)]);
    expect(lines.join('\n').match(/\*/g)).toHaveLength(2);
    // Emulated: processes' 2 × 50 ms on 2 cores after a 20 ms spawn; real: processes' 1.05 s.
    expect(lines.find((line) => line.startsWith('threads '))).toMatch(/^threads\s+1\.100s\s+1\.82\s+│\s+101\.0ms\s/);
    expect(lines.find((line) => line.startsWith('processes '))).toMatch(/^processes\s+\*1\.050s\s+1\.90\s+│\s+\*70\.0ms\s+1\.43\s/);
    // One row each when the fastest differ (before: one * per row, for either column).
    const apart = tableLines(emulatedRuns(), real2, Number.POSITIVE_INFINITY, 80, theme);
    expect(apart.find((line) => line.startsWith('threads '))).toMatch(/^threads\s+\*1\.050s\s+1\.90\s+│\s+101\.0ms\s/);
    expect(apart.find((line) => line.startsWith('processes '))).toMatch(/^processes\s+1\.100s\s+1\.82\s+│\s+\*70\.0ms\s/);
  });

  it('marks a disturbed run ! (never *), and says why below the table', () => {
    const real = withSpeedups([realRun('sequential', 4_127_000), realRun('threads', 1_581_000), realRun('processes', 2_200_000)]);
    const lines = tableLines([], real, 0, 100, theme);
    expect(lines.find((line) => line.startsWith('threads '))).toMatch(/^threads\s+!1\.581s\s+2\.61\s+│/);
    expect(lines.find((line) => line.startsWith('processes '))).toMatch(/^processes\s+\*2\.200s\s+1\.88\s+│/);
    expect(lines.at(-1)).toBe('! threads: speed-up 2.61× above the limit 2.00 of 2 tasks on 2 cores');
  });

  it('shows a run in progress as how far it got, with no speed-up, and marks nothing in its column yet', () => {
    const real = withSpeedups([
      realRun('sequential', 2_000_000),
      realRun('threads', 1_100_000),
      { ...realRun('processes', 1_200_000), inProgress: true as const },
    ]);
    const lines = tableLines([], real, 0, 80, theme);
    expect(lines.find((line) => line.startsWith('processes '))).toMatch(/^processes\s+1\.200s…\s+-\s+│/);
    expect(lines.find((line) => line.startsWith('threads '))).toMatch(/^threads\s+1\.100s\s+1\.82\s+│/);
    expect(lines.some((line) => line.includes('*'))).toBe(false);
  });

  it('dims a stale real run, tags it, marks it never, and says what changed', () => {
    const real = withSpeedups([realRun('sequential', 2_000_000), realRun('threads', 1_100_000)]);
    const segments = tableLinesOf([], real, 0, 80, theme, { params: { ...DEFAULT_PARAMS, gil: 'new' }, runtime: 'node' });
    const lines = segments.map(lineText);
    const row = lines.findIndex((line) => line.startsWith('threads '));
    expect(lines[row]).toMatch(/^threads\s+1\.100s\s+stale\s+│/);
    expect(segments[row]!.filter((segment) => segment.style === DIM).map((segment) => segment.text.trim())).toEqual(['1.100s', 'stale']);
    expect(lines.find((line) => line.startsWith('sequential'))).toMatch(/^sequential\s+\*2\.000s\s+1\.00\s+│/);
    expect(lines.at(-1)).toBe('stale: GIL none→new (r re-runs)');
  });
});

describe('tableLines GIL figures', () => {
  const scenario = findScenario('convoy')!;
  const runs = emulate({ workload: 'convoy', tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] }, ['sequential', 'threads'], DEFAULT_PARAMS).runs;
  /** The same runs as if this machine had made them: spans and hand-offs included. */
  const asReal = runs.map(
    (run) => ({ ...run, source: 'real', setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'new', gilLock: true } }) as Run,
  );
  const percent = (run: Run) => {
    const time = (state: string) => run.spans.filter((span) => span.state === state).reduce((sum, span) => sum + span.endUs - span.startUs, 0);
    return `${Math.round((100 * time('gil-wait')) / (time('running') + time('gil-wait')))}%`;
  };
  const threads = runs[1]!;

  it('each source has a GIL% column: gil-wait ÷ (running + gil-wait) from its spans, with hand-offs a second and the median hold', () => {
    const lines = tableLines(runs, asReal, Number.POSITIVE_INFINITY, 80, theme);
    expect(lines[0]).toMatch(/^strategy\s+real\s+×real\s+│\s+emulated\s+×emu\s+GIL%\s+hand\/s\s+hold\s+│ real GIL%$/);
    const rate = Math.round(threads.gilHandoffs / (threads.elapsedUs / 1e6));
    expect(percent(threads)).toBe('27%');
    expect(lines.find((line) => line.startsWith('threads '))).toMatch(
      new RegExp(`│\\s+\\S+\\s+\\S+\\s+${percent(threads)}\\s+${rate}\\s+3\\.13ms\\s+│\\s+${percent(threads)}$`),
    );
    expect(lines.find((line) => line.startsWith('sequential '))).toMatch(/\s0%\s+0\s+-\s+│\s+0%$/);
    expect(lines.every((line) => line.length <= 80)).toBe(true);
  });

  it('keeps the GIL column at the 60-column minimum, as the lower-ranked columns give way', () => {
    const lines = tableLines(runs, asReal, Number.POSITIVE_INFINITY, 60, theme);
    expect(lines[0]).toMatch(/^strategy\s+real\s+×real\s+│\s+emulated\s+×emu\s+GIL%/);
    expect(lines.find((line) => line.startsWith('threads '))).toMatch(new RegExp(`\\s${percent(threads)}\\s`));
    expect(lines.every((line) => line.length <= 60)).toBe(true);
  });

  it('shows a figure only once playback has reached the end of the run, and wide terminals get every column', () => {
    expect(tableLines(runs, [], 0, 80, theme).find((line) => line.startsWith('threads '))).toMatch(/│\s+…\s+-\s+-\s+-\s+-\s+│\s+-$/);
    const wide = tableLines(runs, asReal, Number.POSITIVE_INFINITY, 160, theme);
    expect(wide[0]).toMatch(/GIL%\s+hand\/s\s+hold\s+CPU\s+switch\s+│ real GIL%\s+hand\/s\s+hold$/);
  });
});
