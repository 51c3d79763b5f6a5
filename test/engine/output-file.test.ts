import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputExistsError, UsageError, checkOutputTarget, writeOutputFile } from '../../src/engine/index.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'concur-output-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

const write = (path: string, force: boolean, text = 'new') => writeOutputFile({ path, force }, [text], 'export');

describe('one rule for every output file', () => {
  it('a FIFO is never replaced, with --force or not, and nothing is left behind', () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    for (const force of [false, true]) {
      expect(refusal(() => write(fifo, force))).toBe(`--export: ${fifo} is not a regular file (a device, FIFO or socket); it is never replaced`);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['fifo.json']);
  });

  it('a device is never replaced (checked on /dev/null itself, which is refused before anything is written)', () => {
    expect(refusal(() => checkOutputTarget('/dev/null', 'output', true))).toBe(
      '--output: /dev/null is not a regular file (a device, FIFO or socket); it is never replaced',
    );
    expect(refusal(() => write('/dev/null', true))).toMatch(/not a regular file/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a directory is refused in one line, --force or not', () => {
    const sub = join(dir, 'sub.json');
    mkdirSync(sub);
    expect(refusal(() => write(sub, true))).toBe(`--export: ${sub} is a directory; name a file in it`);
  });

  it('a dangling symlink counts as existing: refused without --force, and its target is never created', () => {
    const link = join(dir, 'dangling.json');
    symlinkSync(join(dir, 'target.json'), link);
    expect(() => write(link, false)).toThrow(OutputExistsError);
    expect(readdirSync(dir)).toEqual(['dangling.json']);
  });

  it('with --force a symlink is replaced by the file, never followed', () => {
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'precious');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    expect(refusal(() => write(link, false))).toBe(`${link} is a symbolic link; use --force to replace the link (its target is never written)`);
    write(link, true);
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(link, 'utf8')).toBe('new');
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });

  it('a regular file is replaced only with --force', () => {
    const path = join(dir, 'out.json');
    writeFileSync(path, 'old');
    expect(refusal(() => write(path, false))).toBe(`${path} exists; use --force to overwrite`);
    expect(readFileSync(path, 'utf8')).toBe('old');
    write(path, true);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('without --force the name is claimed last: a file that appears while writing is kept, not replaced', () => {
    const path = join(dir, 'race.json');
    function* content() {
      yield 'mine, ';
      writeFileSync(path, 'the other writer won'); // another process finishes first
      yield 'still mine';
    }
    expect(() => writeOutputFile({ path, force: false }, content(), 'export')).toThrow(new OutputExistsError(`${path} exists; use --force to overwrite`));
    expect(readFileSync(path, 'utf8')).toBe('the other writer won');
    expect(readdirSync(dir)).toEqual(['race.json']);
  });

  it('a numbered name claims the first free number at the end, so a name taken meanwhile is skipped', () => {
    const numbered = (n: number) => join(dir, `concur-tui-w-${n}.json`);
    function* content() {
      writeFileSync(numbered(1), 'another dashboard');
      yield 'mine';
    }
    expect(writeOutputFile({ numbered }, content(), 'export')).toBe(numbered(2));
    expect(readFileSync(numbered(1), 'utf8')).toBe('another dashboard');
    expect(readFileSync(numbered(2), 'utf8')).toBe('mine');
    expect(writeOutputFile({ numbered }, ['third'], 'export')).toBe(numbered(3));
  });

  it('a symlink at a numbered name is skipped, not followed', () => {
    const numbered = (n: number) => join(dir, `n-${n}.json`);
    symlinkSync(join(dir, 'elsewhere'), numbered(1));
    expect(writeOutputFile({ numbered }, ['x'], 'export')).toBe(numbered(2));
    expect(readlinkSync(numbered(1))).toBe(join(dir, 'elsewhere'));
    expect(readdirSync(dir).sort()).toEqual(['n-1.json', 'n-2.json']);
  });
});
