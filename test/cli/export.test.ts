import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFromJson } from '../../src/export/trace-json.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'concur-export-'));

// In-process (test/cli/run-cli.ts).
const cli = (...args: string[]) => runCli(args);

describe('--export', () => {
  it.each([
    ['json', (text: string) => expect(traceFromJson(text, 'out').runs.map((r) => r.strategy)).toEqual(['sequential', 'threads'])],
    ['csv', (text: string) => expect(text.split('\r\n')[0]).toBe('source,strategy,lane,task,group,state,start_us,end_us,duration_us,core')],
    ['trace.json', (text: string) => expect(JSON.parse(text).traceEvents.some((e: { ph: string }) => e.ph === 'X')).toBe(true)],
    ['svg', (text: string) => expect(text).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)],
    ['html', (text: string) => expect(text).toMatch(/^<!DOCTYPE html>\n<html lang="en">[\s\S]*<h1>sleep on 2 cores, [^<]*<\/h1>[\s\S]*<canvas id="gantt"/)],
  ])('emulate --export out.%s writes that format and keeps stdout for the table', async (extension, check) => {
    const file = join(dir, `emulate-${Math.random().toString(36).slice(2)}.${extension}`);
    const { code, stdout, stderr } = await cli('emulate', '--scenario', 'sleep', '--strategy', 'sequential,threads', '--export', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^sleep on 2 cores/);
    expect(stderr).toMatch(/^wrote \d+ spans of 2 runs to /);
    check(readFileSync(file, 'utf8'));
  });

  it("emulate --export FILE.svg carries the table's heading and the dashboard's caption as its subtitle", async () => {
    const file = join(dir, 'count.svg');
    const { code, stdout } = await cli('emulate', '--scenario', 'count', '--strategy', 'sequential,threads,processes', '--export', file);
    expect(code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    const heading = stdout.split('\n')[0]!;
    expect(heading).toMatch(/^count on 2 cores, rr, slice 4ms, .*GIL new/);
    const title = [...svg.matchAll(/<text class="title"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    expect(title).toBe(heading);
    expect(svg).toMatch(/<text class="subtitle"[^>]*>threads 0\.99× sequential: the GIL lets one thread run Python at a time\.<\/text>/);
  });

  it('emulate --export FILE.json round-trips: the file equals --json output', async () => {
    const file = join(dir, 'same.json');
    const { stdout } = await cli('emulate', '--scenario', 'convoy', '--json', '--export', file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(stdout));
  });

  it('refuses an existing file without --force, before doing any work, and an unknown extension', async () => {
    const file = join(dir, 'mine.csv');
    writeFileSync(file, 'keep me');
    const refused = await cli('run', '--tasks', '10ms', '--export', file);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(`concur-tui: ${file} exists; use --force to overwrite\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect((await cli('emulate', '--export', join(dir, 'x.txt'))).stderr).toMatch(
      /--export: the format comes from the extension; end .*x\.txt with \.json, \.csv, \.trace\.json, \.svg or \.html\n$/,
    );
  });

  it.each([
    [['emulate'], ''],
    [['emulate', '--force'], ''],
    [[], ''],
    [['emulate'], 'd.json'],
    [['emulate', '--force'], 'd.json'],
    [[], 'd.json'],
  ])('%j --export %j: says the name is empty or a directory, before any work', async (args, name) => {
    mkdirSync(join(dir, 'd.json'), { recursive: true });
    const path = name === '' ? '' : join(dir, name);
    const { code, stdout, stderr } = await cli(...args, '--export', path);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(name === '' ? 'concur-tui: --export: the file name is empty\n' : `concur-tui: --export: ${path} is a directory; name a file in it\n`);
  });

  it('run --export writes the real runs', async () => {
    const file = join(dir, 'real.json');
    expect((await cli('run', '--tasks', '10ms,10ms', '--strategy', 'sequential,worker', '--export', file)).code).toBe(0);
    const trace = traceFromJson(readFileSync(file, 'utf8'), file);
    expect(trace.runs.map((run) => [run.source, run.strategy])).toEqual([
      ['real', 'sequential'],
      // `worker` is the old name of thread-pool.
      ['real', 'thread-pool'],
    ]);
  });
});
