import { describe, expect, it } from 'vitest';
import { withSpeedups, type RealStrategy, type Run } from '../../../src/engine/index.js';
import { lineText } from '../../../src/ui/render/line.js';
import { tableLines as tableLinesOf } from '../../../src/ui/render/table-lines.js';

const theme = { color: false, unicode: true };
const tableLines = (...args: Parameters<typeof tableLinesOf>) => tableLinesOf(...args).map(lineText);

function realRun(strategy: RealStrategy, elapsedUs: number, error?: string): Run {
  return {
    source: 'real',
    strategy,
    elapsedUs,
    cpuUtilization: 0.5,
    contextSwitches: 3,
    gilHandoffs: 0,
    speedupVsSequential: null,
    cores: 2,
    setup: { runtime: 'node', coresGranted: 2, coresAsked: null, gil: 'none', gilLock: false },
    tasks: [
      { name: 'count-1', arrivalUs: 0, responseUs: 0, turnaroundUs: elapsedUs, waitUs: 0, cpuUs: elapsedUs, finishUs: elapsedUs, ...(error ? { error } : {}) },
    ],
    lanes: [{ id: 0, name: 'count-1', group: 'pool', arrivalUs: 0 }],
    spans: [],
    instants: [],
  };
}

describe('tableLines with real runs', () => {
  it('shows a failed run as failed, without speedup or fastest mark, and says why below', () => {
    const real = withSpeedups([realRun('sequential', 2_000_000), realRun('async', 150_000, 'timed out after 150 ms'), realRun('threads', 1_000_000)]);
    const lines = tableLines([], real, 0, 80, theme);
    expect(lines[0]).toMatch(/^strategy\s+real\s+×real\s+[│|]\s+emulated/);
    expect(lines.find((line) => line.includes('async'))).toMatch(/^ async\s+1 failed\s+-\s+│\s+-\s+-\s+-/);
    expect(lines.find((line) => line.includes('threads'))).toMatch(/^\*threads\s+1\.000s\s+2\.00\s+│\s+-/);
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
    expect(lines[1]).toMatch(/^ sequential\s+2\.000s/);
    expect(lines.every((line) => line.length <= 64)).toBe(true);
  });

  it('adds no line when nothing failed', () => {
    expect(tableLines([], withSpeedups([realRun('sequential', 2_000_000), realRun('threads', 1_000_000)]), 0, 80, theme)).toHaveLength(3);
  });
});
