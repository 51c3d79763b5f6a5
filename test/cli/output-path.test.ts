import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFileName, checkOutputPath } from '../../src/cli/output-path.js';
import { UsageError } from '../../src/engine/index.js';

const dir = mkdtempSync(join(tmpdir(), 'concur-output-'));
mkdirSync(join(dir, 'd.json'));
writeFileSync(join(dir, 'taken.cast'), 'mine');

const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  return undefined;
};

describe('checking a file before writing it', () => {
  it('an empty name says so, naming the flag', () => {
    expect(refusal(() => checkFileName('', 'record'))).toBe('--record: the file name is empty');
    expect(refusal(() => checkOutputPath('', 'output', true))).toBe('--output: the file name is empty');
  });

  it('a directory is named as one, with or without force', () => {
    const path = join(dir, 'd.json');
    expect(refusal(() => checkOutputPath(path, 'export', false))).toBe(`--export: ${path} is a directory; name a file in it`);
    expect(refusal(() => checkOutputPath(path, 'export', true))).toBe(`--export: ${path} is a directory; name a file in it`);
  });

  it('a missing directory is refused, not created', () => {
    const missing = join(dir, 'nope');
    expect(refusal(() => checkOutputPath(join(missing, 'c.json'), 'output', false))).toBe(`--output: directory ${missing} does not exist`);
    const file = join(dir, 'taken.cast');
    expect(refusal(() => checkOutputPath(join(file, 'x.json'), 'export', false))).toBe(`--export: ${file} is not a directory`);
  });

  it('an existing file needs force; a new one in an existing directory passes', () => {
    const taken = join(dir, 'taken.cast');
    expect(refusal(() => checkOutputPath(taken, 'record', false))).toBe(`${taken} exists; use --force to overwrite`);
    expect(refusal(() => checkOutputPath(taken, 'record', true))).toBeUndefined();
    expect(refusal(() => checkOutputPath(join(dir, 'new.cast'), 'record', false))).toBeUndefined();
  });
});
