import { describe, expect, it } from 'vitest';
import { withSpeedups, type Run } from '../../../src/engine/index.js';
import { formatRunTable } from '../../../src/cli/text-table.js';
import { coresWords } from '../../../src/ui/render/cores-words.js';
import { lineText } from '../../../src/ui/render/line.js';
import { tableLines } from '../../../src/ui/render/table-lines.js';
import { realRunOfTwo } from '../../engine/real-run-fixture.js';

/** A run on one core whose two tasks overlap their I/O, so its 1.54× speed-up is one it can earn (disturbance.ts). */
function realRun(strategy: 'sequential' | 'processes', elapsedUs: number, extra: Partial<Run> = {}): Run {
  return {
    ...realRunOfTwo(strategy, elapsedUs),
    cores: 1,
    setup: { runtime: 'node', coresGranted: 1, coresAsked: 1, gil: 'none', gilLock: false },
    spans: [
      { lane: 0, state: 'io', startUs: 0, endUs: elapsedUs / 2 },
      { lane: 1, state: 'io', startUs: elapsedUs / 2, endUs: elapsedUs },
    ],
    ...extra,
  } as Run;
}

const repeats = { samplesUs: [1_300_000, 1_190_000, 1_230_000], startsUs: [0, 3_000_000, 6_000_000], medianUs: 1_230_000, minUs: 1_190_000, maxUs: 1_300_000 };
const runs = withSpeedups([realRun('sequential', 1_230_000, { repeats }), realRun('processes', 800_000)]);

describe('a repeated real run in the tables', () => {
  it('the dashboard cell shows the median with its spread (±, of the farther end), at 80 columns', () => {
    const lines = tableLines([], runs, 0, 80, { color: false, unicode: true }).map(lineText);
    expect(lines.find((line) => line.includes('sequential'))).toMatch(/^sequential\s+1\.230s ±6%\s+1\.00\s+│/);
    expect(lines.every((line) => line.length <= 80)).toBe(true);
  });

  it("run's table adds the range", () => {
    const table = formatRunTable({ workload: 'count', runs, notes: [] }, 'count');
    expect(table).toMatch(/^sequential\s+real\s+1\.230s ±6% \(1\.190s–1\.300s\)\s+1\.00x/m);
    expect(table).toMatch(/^processes \*\s+real\s+800\.0ms\s+1\.54x/m);
  });
});

describe('coresWords', () => {
  it('says the cores a real run had, and when it had more than were asked', () => {
    expect(coresWords(runs[0])).toBe(', on 1 core');
    expect(
      coresWords(realRun('sequential', 1, { setup: { runtime: 'node', coresGranted: 2, coresAsked: 4, gil: 'none', gilLock: false } } as Partial<Run>)),
    ).toBe(', on all 2 cores (4 asked)');
    expect(
      coresWords(realRun('sequential', 1, { setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false } } as Partial<Run>)),
    ).toBe('');
  });
});
