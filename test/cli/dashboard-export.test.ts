import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardExporter } from '../../src/cli/export-options.js';
import { DEFAULT_PARAMS, emulate, parseTasks } from '../../src/engine/index.js';
import { stopExports } from '../../src/export/export-off-thread.js';
import { traceToCsv } from '../../src/export/trace-csv.js';

// About 400,000 spans (a 1 µs slice on one core): seconds of rendering, under the export limit.
const big = emulate({ workload: 'w', tasks: parseTasks('100ms,100ms'), notes: [] }, ['threads'], {
  ...DEFAULT_PARAMS,
  quantumUs: 1,
  cores: 1,
  gil: 'none',
  switchCostUs: 0,
});

describe("the dashboard's export (key e) never blocks the UI thread (issue 17, defect 7)", () => {
  it('renders and writes on a thread of its own: the event loop keeps turning meanwhile', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'concur-dash-export-')), 'big.csv');
    let turns = 0;
    const ticker = setInterval(() => turns++, 5);
    const answer = dashboardExporter({ export: path })(big);
    const turnsWhenAsked = turns;
    try {
      expect(await answer).toMatch(/^wrote \d+ spans of 1 run to .*big\.csv$/);
    } finally {
      clearInterval(ticker);
    }
    expect(turnsWhenAsked).toBe(0);
    expect(turns).toBeGreaterThan(0);
    expect(readFileSync(path, 'utf8')).toBe(traceToCsv(big));
  }, 60_000);

  it('a refusal is the notice, not an exception', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'concur-dash-export-')), 'taken.json');
    writeFileSync(path, 'mine');
    expect(await dashboardExporter({ export: path })(big)).toBe(`export failed: ${path} exists; use --force to overwrite`);
    expect(readFileSync(path, 'utf8')).toBe('mine');
  });

  it('quitting during an export leaves no temporary file behind (stopExports, as the dashboard does on its way out)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-dash-export-'));
    const answer = dashboardExporter({ export: join(dir, 'big.json') })(big);
    // Wait until the thread has rendered the trace and is writing its temporary file.
    const temps = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    while (temps().length === 0 && readdirSync(dir).length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^\.concur-\d+-[0-9a-f]{8}\.tmp$/)]);
    await stopExports();
    expect(readdirSync(dir)).toEqual([]);
    // The exporter never answers once stopped: the dashboard is gone.
    expect(await Promise.race([answer, new Promise((resolve) => setTimeout(() => resolve('no answer'), 200))])).toBe('no answer');
  }, 60_000);
});
