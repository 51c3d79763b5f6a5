import * as fs from 'node:fs';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Spies on the real functions, so one test can make a rename (or link) fail as a full disk would.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, renameSync: vi.fn(real.renameSync), linkSync: vi.fn(real.linkSync) };
});
import { DEFAULT_PARAMS, OutputWriteError, emulate, parseTasks, type Trace } from '../../src/engine/index.js';
import { EXPORT_FORMATS, exportFormatOf, exportTrace } from '../../src/export/export-trace.js';
import { traceToChromeTrace } from '../../src/export/chrome-trace.js';
import { traceToSvg } from '../../src/export/svg-gantt.js';
import { traceToCsv } from '../../src/export/trace-csv.js';
import { traceFromJson, traceToJson } from '../../src/export/trace-json.js';
import { usageError } from './fixtures.js';

const trace: Trace = emulate({ workload: 'w', tasks: parseTasks('2ms+io:1ms,3ms'), notes: [] }, ['sequential', 'threads'], DEFAULT_PARAMS);
const SPANS = trace.runs.reduce((sum, run) => sum + run.spans.length, 0);

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'concur-export-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

describe('exportTrace', () => {
  it.each([
    ['out.json', traceToJson(trace)],
    ['out.csv', traceToCsv(trace)],
    ['out.trace.json', traceToChromeTrace(trace)],
    ['OUT.SVG', traceToSvg(trace)],
  ])('writes %s in the format its extension names', (name, expected) => {
    const path = join(dir, name);
    const message = exportTrace(trace, path, { force: false });
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(message).toMatch(new RegExp(`^wrote ${SPANS} spans of 2 runs to `));
    expect(message).toContain(path);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('reads back what it wrote as JSON', () => {
    const path = join(dir, 'back.json');
    exportTrace(trace, path, { force: false });
    expect(traceFromJson(readFileSync(path, 'utf8'), path)).toEqual(trace);
  });

  it('tells .trace.json (Chrome) from .json and points to Perfetto', () => {
    expect(exportFormatOf('a/run.trace.json')).toBe('.trace.json');
    expect(exportFormatOf('run.json')).toBe('.json');
    expect(exportFormatOf('trace.json')).toBe('.json');
    expect(exportFormatOf('run.txt')).toBeUndefined();
    expect(exportFormatOf('.svg')).toBeUndefined();
    expect(exportTrace(trace, join(dir, 'p.trace.json'), { force: false })).toContain('ui.perfetto.dev');
  });

  it('rejects an unknown extension in one line that lists the formats', () => {
    const message = usageError(() => exportTrace(trace, join(dir, 'out.txt'), { force: false }));
    expect(message).toBe(`${join(dir, 'out.txt')}: unknown export format (use one of ${EXPORT_FORMATS.join(', ')})`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to overwrite an existing file without force, and replaces it with force', () => {
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'keep me');
    expect(usageError(() => exportTrace(trace, path, { force: false }))).toBe(`${path} exists; use --force to overwrite`);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    exportTrace(trace, path, { force: true });
    expect(readFileSync(path, 'utf8')).toBe(traceToCsv(trace));
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('refuses a path that is a directory, even with force', () => {
    mkdirSync(join(dir, 'sub.json'));
    expect(usageError(() => exportTrace(trace, join(dir, 'sub.json'), { force: true }))).toMatch(/sub\.json is a directory; name a file in it$/);
  });

  it('names a missing directory', () => {
    const missing = join(dir, 'nope');
    expect(usageError(() => exportTrace(trace, join(missing, 'out.svg'), { force: false }))).toBe(`--export: directory ${missing} does not exist`);
  });

  it.skipIf(process.getuid?.() === 0)('turns a write failure into one line and leaves no temporary file', () => {
    chmodSync(dir, 0o500);
    const message = usageError(() => exportTrace(trace, join(dir, 'out.json'), { force: false }));
    expect(message).toMatch(/out\.json: cannot write \(EACCES/);
    expect(message).not.toContain('\n');
    chmodSync(dir, 0o700);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the temporary file when the rename fails, and keeps the old file; a full disk is a write failure (exit 1)', () => {
    const path = join(dir, 'out.json');
    writeFileSync(path, 'old');
    vi.mocked(fs.renameSync).mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
    });
    expect(() => exportTrace(trace, path, { force: true })).toThrow(new OutputWriteError(`${path}: cannot write (ENOSPC: no space left on device)`));
    expect(readdirSync(dir)).toEqual(['out.json']);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('lets an error that is not from the file system through unchanged', () => {
    const bug = new TypeError('a bug');
    vi.mocked(fs.linkSync).mockImplementationOnce(() => {
      throw bug;
    });
    expect(() => exportTrace(trace, join(dir, 'out.csv'), { force: false })).toThrow(bug);
    expect(readdirSync(dir)).toEqual([]);
  });
});
