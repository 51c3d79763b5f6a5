import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'concur-py-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two CPU tasks as threads on real python3, exported to `name`. */
async function exportThreads(name: string): Promise<string> {
  const file = join(dir, name);
  const result = await runCli(['run', '--runtime', 'python', '--tasks', 'cpu:500ms,cpu:500ms', '--strategy', 'threads', '--export', file]);
  expect(result.code).toBe(0);
  return readFileSync(file, 'utf8');
}

describe.runIf(HAS_PYTHON)('a real Python run exported', { timeout: 60_000 }, () => {
  it('.trace.json: Chrome trace events, a thread per lane, running and gil-wait slices and hand-offs', async () => {
    const events = JSON.parse(await exportThreads('python.trace.json')).traceEvents as { ph: string; name: string; tid: number; args?: { name?: string } }[];
    expect(events.find((event) => event.name === 'process_name')?.args?.name).toBe('real threads');
    // A track per lane, then the GIL's holder (the threads handed it over).
    expect(events.filter((event) => event.name === 'thread_name').map((event) => event.args?.name)).toEqual(['T1', 'T2', 'GIL holder']);
    // Both threads ran; the GIL made one wait (on a loaded machine a waiter may show as ready instead, so not each).
    for (const tid of [1, 2]) expect(events.some((event) => event.ph === 'X' && event.tid === tid && event.name === 'running')).toBe(true);
    expect(events.some((event) => event.ph === 'X' && event.name === 'gil-wait')).toBe(true);
    expect(events.filter((event) => event.ph === 'i' && event.name === 'gil-handoff').length).toBeGreaterThan(5);
  });

  it('.svg: well-formed XML (parsed by Python’s own parser) with both lanes and gil-wait spans', async () => {
    const svg = await exportThreads('python.svg');
    const parsed = spawnSync('python3', ['-c', 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("ok")', join(dir, 'python.svg')], {
      encoding: 'utf8',
    });
    expect(parsed.stdout.trim()).toBe('ok');
    expect(svg).toMatch(/>T1</);
    expect(svg).toMatch(/>T2</);
    expect(svg).toMatch(/class="span running"/);
    expect(svg).toMatch(/class="span gil-wait"/);
    expect(svg).toMatch(/real threads/);
  });
});
