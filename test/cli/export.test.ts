import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { traceFromJson } from '../../src/export/trace-json.js';

const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'concur-export-'));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('--export', () => {
  it.each([
    ['json', (text: string) => expect(traceFromJson(text, 'out').runs.map((r) => r.strategy)).toEqual(['sequential', 'threads'])],
    ['csv', (text: string) => expect(text.split('\r\n')[0]).toBe('source,strategy,lane,task,group,state,start_us,end_us,duration_us,core')],
    ['trace.json', (text: string) => expect(JSON.parse(text).traceEvents.some((e: { ph: string }) => e.ph === 'X')).toBe(true)],
    ['svg', (text: string) => expect(text).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)],
  ])('emulate --export out.%s writes that format and keeps stdout for the table', (extension, check) => {
    const file = join(dir, `emulate-${Math.random().toString(36).slice(2)}.${extension}`);
    const { code, stdout, stderr } = cli('emulate', '--scenario', 'sleep', '--strategy', 'sequential,threads', '--export', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^sleep on 2 cores/);
    expect(stderr).toMatch(/^wrote \d+ spans of 2 runs to /);
    check(readFileSync(file, 'utf8'));
  });

  it('emulate --export FILE.json round-trips: the file equals --json output', () => {
    const file = join(dir, 'same.json');
    const { stdout } = cli('emulate', '--scenario', 'convoy', '--json', '--export', file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(stdout));
  });

  it('refuses an existing file without --force, before doing any work, and an unknown extension', () => {
    const file = join(dir, 'mine.csv');
    writeFileSync(file, 'keep me');
    const refused = cli('run', '--tasks', '10ms', '--export', file);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(`concur-tui: ${file} exists; use --force to overwrite\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(cli('emulate', '--export', join(dir, 'x.txt')).stderr).toMatch(/--export: the format comes from the extension; end .*x\.txt with \.json, \.csv, \.trace\.json or \.svg\n$/);
  });

  it.each([
    [['emulate'], ''],
    [['emulate', '--force'], ''],
    [[], ''],
    [['emulate'], 'd.json'],
    [['emulate', '--force'], 'd.json'],
    [[], 'd.json'],
  ])('%j --export %j: says the name is empty or a directory, before any work', (args, name) => {
    mkdirSync(join(dir, 'd.json'), { recursive: true });
    const path = name === '' ? '' : join(dir, name);
    const { code, stdout, stderr } = cli(...args, '--export', path);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(name === '' ? 'concur-tui: --export: the file name is empty\n' : `concur-tui: --export: ${path} is a directory; name a file in it\n`);
  });

  it('run --export writes the real runs', () => {
    const file = join(dir, 'real.json');
    expect(cli('run', '--tasks', '10ms,10ms', '--strategy', 'sequential,worker', '--export', file).code).toBe(0);
    const trace = traceFromJson(readFileSync(file, 'utf8'), file);
    expect(trace.runs.map((run) => [run.source, run.strategy])).toEqual([
      ['real', 'sequential'],
      ['real', 'worker'],
    ]);
  });
});
