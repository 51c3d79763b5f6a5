import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, SCENARIOS, TUTORIAL_CALIBRATION, emulate, scenarioTasks, type Span } from '../../../src/engine/index.js';
import { CellBuffer } from '../../../src/ui/render/cell-buffer.js';
import { coreCells, renderCoreCells, type CoreCell } from '../../../src/ui/render/core-cells.js';
import { lineText } from '../../../src/ui/render/line.js';

const ascii = { color: false, unicode: false };
const text = (cells: readonly CoreCell[]) => lineText(renderCoreCells(cells));
const span = (lane: number, startUs: number, endUs: number): Span => ({ lane, state: 'running', startUs, endUs, core: 0 });
const window = (endUs: number, playheadUs = endUs) => ({ startUs: 0, endUs, playheadUs });

describe('per-core cells', () => {
  it("show the lane's mark where the core was busy, blank where it was idle", () => {
    const cells = coreCells([span(0, 0, 40), span(1, 60, 100)], window(100), 10);
    expect(text(cells)).toBe('1111  2222');
  });

  it('show a core busy half of every cell as partly busy, not as the lane (Unicode and ASCII)', () => {
    // 5 µs on, 5 µs off, as a thread under the GIL: 100 slices in 10 cells of 100 µs.
    const spans = Array.from({ length: 100 }, (_, i) => span(0, i * 10, i * 10 + 5));
    const cells = coreCells(spans, window(1_000), 10);
    expect(cells.every((cell) => cell.lane === 0 && cell.busy === 0.5)).toBe(true);
    expect(text(cells)).toBe('··········');
    // ASCII frames get '.' where the cells are written (the cell buffer applies the theme).
    const frame = new CellBuffer(10, 1, ascii);
    frame.putLine(0, renderCoreCells(cells));
    expect(frame.toLines()).toEqual(['..........']);
  });

  it('measure the cell at the playhead on its played part only', () => {
    const cells = coreCells([span(0, 0, 100)], window(100, 35), 10);
    expect(text(cells)).toBe('1111      ');
  });

  it('draw threads under the GIL (count, 2 cores) as two half-busy cores, processes as two busy ones', () => {
    const count = SCENARIOS.find((scenario) => scenario.name === 'count')!;
    const input = { workload: 'count', tasks: scenarioTasks(count, TUTORIAL_CALIBRATION), notes: [] };
    const [threads, processes] = emulate(input, ['threads', 'processes'], DEFAULT_PARAMS).runs;
    const row = (run: typeof threads, core: number) =>
      text(
        coreCells(
          run!.spans.filter((s) => s.core === core).sort((a, b) => a.startUs - b.startUs),
          window(threads!.elapsedUs),
          58,
        ),
      ).trim();
    for (const core of [0, 1]) {
      expect(row(threads, core)).toMatch(/^·+$/);
      expect(row(processes, core)).toMatch(/^\d+·?$/);
    }
  });
});
