import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareCasts } from '../../bench/cast-screens.js';

const COMPARE = fileURLToPath(new URL('../../dist/bench/cast-compare.js', import.meta.url));
const cast = (events: [number, string][], width = 20, height = 4) =>
  `${[JSON.stringify({ version: 2, width, height }), ...events.map(([seconds, data]) => JSON.stringify([seconds, 'o', data]))].join('\n')}\n`;

const green = cast([
  [0, '\u001B[32mab\u001B[0m'],
  [1, '\u001B[2;1Hc'],
]);

describe('cast comparison', () => {
  it('finds the same screens in casts that draw them with other bytes', async () => {
    const other = cast([
      [0, '\u001B[32ma\u001B[32mb\u001B[39m'],
      [0.5, ''],
      [1, '\r\nc'],
    ]);
    expect((await compareCasts(green, other)).firstDifference).toBeNull();
  });

  it('names the first cell whose colour differs, and when', async () => {
    const { firstDifference } = await compareCasts(
      green,
      cast([
        [0, '\u001B[32ma\u001B[0mb'],
        [1, '\u001B[2;1Hc'],
      ]),
    );
    expect(firstDifference).toMatchObject({ atSeconds: 0, row: 0, column: 1, rowA: 'ab', rowB: 'ab' });
    expect(firstDifference?.a).toMatchObject({ char: 'b', fg: 'palette 2' });
    expect(firstDifference?.b).toMatchObject({ char: 'b', fg: 'default' });
  });

  it('compares after every event of either cast: the same last screen drawn later differs', async () => {
    const { firstDifference } = await compareCasts(
      green,
      cast([
        [0, '\u001B[32mab\u001B[0m'],
        [1.5, '\u001B[2;1Hc'],
      ]),
    );
    expect(firstDifference).toMatchObject({ atSeconds: 1, row: 1, column: 0 });
  });

  it('exits 0 for equal casts, 1 with the first difference, 2 on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cast-compare-'));
    const files = { a: join(dir, 'a.cast'), b: join(dir, 'b.cast'), bad: join(dir, 'bad.cast') };
    writeFileSync(files.a, green);
    writeFileSync(
      files.b,
      cast([
        [0, 'ab'],
        [1, '\u001B[2;1Hc'],
      ]),
    );
    writeFileSync(files.bad, 'not a cast\n');
    const run = (...args: string[]) => spawnSync(process.execPath, [COMPARE, ...args], { encoding: 'utf8' });
    expect(run(files.a, files.a).status).toBe(0);
    const differ = run(files.a, files.b);
    expect(differ.status).toBe(1);
    expect(differ.stdout).toContain('first difference at 0.000 s');
    expect(differ.stdout).toContain('row 1, column 1');
    expect(run(files.a, files.bad)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^cast-compare: \S*bad\.cast: line 1: not JSON: "not a cast"\n$/),
    });
    expect(run(files.a)).toMatchObject({ status: 2 });
  });
});
