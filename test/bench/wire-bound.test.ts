import { describe, expect, it } from 'vitest';
import { wireCost, type Chunk } from '../../bench/wire-bound.js';
import { DEFAULT_PARAMS, NO_LAYERS, SCENARIOS, TUTORIAL_CALIBRATION, emulate, scenarioTasks } from '../../src/engine/index.js';
import { endOf, screenLines } from '../../src/ui/layout.js';
import { initialModel } from '../../src/ui/state/model.js';
import { DiffWriter } from '../../src/ui/terminal/diff-writer.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
/** Chunks 100 ms apart: each its own frame. */
const stream = (...writes: string[]): Chunk[] => writes.map((text, i) => ({ atMs: i * 100, bytes: bytes(text) }));

describe('the changed-cell bound', () => {
  it('prices a frame at the cells it changed: a move there, the style and the character', async () => {
    const chunks = stream('\u001B[2J\u001B[Habc', '\u001B[1;2H\u001B[32mX\u001B[0m');
    const cost = await wireCost(chunks, 10, 3, 100, 200);
    // One cell changed: CSI 1;2H (6 bytes) from an unknown cursor, CSI 0;32m (7) from an unknown style, 'X'.
    expect(cost).toEqual({ bytes: chunks[1]!.bytes.length, boundBytes: 14, frames: 1, changedCells: 1 });
  });

  it('moves forward on a row relatively, and prices a wide character once', async () => {
    const chunks = stream('\u001B[2J\u001B[H', '\u001B[Ha\u001B[5C漢b');
    const cost = await wireCost(chunks, 20, 2, 100, 200);
    // 'a' at column 0 (CSI H, 3 bytes; CSI 0m, 4), five columns on (CSI 5C, 4), 漢 (3 bytes, two cells), then 'b' right after.
    expect(cost.changedCells).toBe(3);
    expect(cost.boundBytes).toBe(3 + 4 + 1 + 4 + 3 + 1);
  });

  it('holds the dashboard’s diff writer within 1.25× while count plays at 80×24', async () => {
    const scenario = SCENARIOS.find((s) => s.name === 'count')!;
    const trace = emulate(
      { workload: 'count', tasks: scenarioTasks(scenario, TUTORIAL_CALIBRATION), notes: [] },
      ['sequential', 'threads', 'processes', 'async'],
      {
        ...DEFAULT_PARAMS,
        ...scenario.machine,
      },
    );
    const model = initialModel({ scenario: 'count', layers: NO_LAYERS, strategies: ['sequential', 'threads', 'processes', 'async'], speed: 1 });
    const theme = { color: true, unicode: true, depth: 256 as const };
    const writer = new DiffWriter();
    const endUs = endOf(trace.runs);
    const writes = Array.from({ length: 60 }, (_, frame) =>
      writer.draw(screenLines({ ...model, playheadUs: (frame / 59) * endUs }, trace, { columns: 80, rows: 24 }, theme)),
    );
    const cost = await wireCost(stream(...writes), 80, 24, 100, 60 * 100);
    expect(cost.frames).toBe(59);
    expect(cost.changedCells).toBeGreaterThan(59);
    expect(cost.bytes / cost.boundBytes).toBeLessThanOrEqual(1.25);
  });
});
