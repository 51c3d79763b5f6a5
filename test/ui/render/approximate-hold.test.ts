import { describe, expect, it } from 'vitest';
import { APPROXIMATE_NOTE, DEFAULT_PARAMS, emulate, type EmulatedRun, type Run } from '../../../src/engine/index.js';
import { inspectorLines } from '../../../src/ui/render/lane-inspector.js';
import type { Line } from '../../../src/ui/render/line.js';
import { tableLines } from '../../../src/ui/render/table-lines.js';
import { taskTableLines } from '../../../src/ui/render/task-table-lines.js';

// The dashboard marks a real Python run's holds read at its 1 ms sampler's resolution (`~`) and
// says why, wherever it shows them: the table's real columns, the task table, the inspector.

function threadsAt(intervalUs: number): EmulatedRun {
  const tasks = ['a', 'b'].map((name) => ({ name, arrivalUs: 0, phases: [{ kind: 'cpu' as const, us: 300_000 }] }));
  return emulate({ workload: 'tasks', tasks, notes: [] }, ['threads'], { ...DEFAULT_PARAMS, switchIntervalUs: intervalUs }).runs[0] as EmulatedRun;
}

function realPython(run: EmulatedRun): Run {
  const setup = { runtime: 'python' as const, interpreter: 'CPython 3.11.7, GIL', path: 'python3', gil: true, coresGranted: 2, coresAsked: null };
  return { ...run, source: 'real', strategy: 'threads', setup };
}

const text = (lines: readonly Line[]) => lines.map((line) => line.map((segment) => segment.text).join(''));
const THEME = { color: false, unicode: true };

describe('approximate real holds on screen', () => {
  const emulated = threadsAt(1_000);
  const real = realPython(emulated);

  it('the table marks the real hold and hand/s, not the emulated ones, and explains the mark', () => {
    const lines = text(tableLines([emulated], [real], Number.POSITIVE_INFINITY, 160, THEME));
    const row = lines.find((line) => line.startsWith('threads'))!;
    const [emulatedSide, realSide] = row.split('│ ').slice(1);
    expect(emulatedSide).not.toContain('~');
    expect(realSide).toMatch(/~\d+ +~1\.\d+ms/);
    expect(lines.at(-1)).toContain(APPROXIMATE_NOTE);
  });

  it('says nothing of the mark where the real hold columns do not fit (80 columns)', () => {
    const lines = text(tableLines([emulated], [real], Number.POSITIVE_INFINITY, 80, THEME));
    expect(lines.join('\n')).not.toContain('~');
  });

  it('holds of five samples and more are not marked', () => {
    const long = threadsAt(5_000);
    const lines = text(tableLines([long], [realPython(long)], Number.POSITIVE_INFINITY, 160, THEME));
    expect(lines.join('\n')).not.toContain('~');
  });

  it('the task table and the inspector mark a real Python lane’s hold, not an emulated one’s', () => {
    const lanes = [
      { run: emulated as Run, lane: 0 },
      { run: real, lane: 0 },
    ];
    const table = text(taskTableLines({ lanes, selected: 0, playheadUs: Number.POSITIVE_INFINITY, rows: 10, width: 160 }));
    expect(table.find((line) => line.includes('threads real'))).toMatch(/~1\.\d+ms/);
    expect(table.filter((line) => line.includes('~'))).toHaveLength(1);
    expect(text(inspectorLines(lanes[1]!, 160, 10)).join(' ')).toMatch(/hold ~1\.\d+ms median, \S+ longest \(±1ms: sampled\)/);
    expect(text(inspectorLines(lanes[0]!, 160, 10)).join(' ')).not.toContain('~');
  });
});
