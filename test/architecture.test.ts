import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Source text without comments: the rules are about code, and comments may name what they forbid. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function offenders(dir: string, pattern: RegExp): string[] {
  return sourceFiles(join(SRC, dir))
    .filter((file) => pattern.test(code(file)))
    .map((file) => file.slice(SRC.length + 1));
}

describe('module boundaries (DESIGN.md)', () => {
  it('engine and workloads never import ui, cli, export, ink or react', () => {
    const forbidden = /from ['"]((\.\.\/)+(ui|cli|export)\/|ink|react)/;
    expect([...offenders('engine', forbidden), ...offenders('workloads', forbidden)]).toEqual([]);
  });

  it('the emulator reads no clock, no Math.random and nothing of the real engine', () => {
    expect(offenders('engine/emulator', /Math\.random|Date\.now|new Date\(|performance\.|from ['"]\.\.\/real\//)).toEqual([]);
  });

  it('the real engine and the emulator never import each other', () => {
    expect(offenders('engine/real', /from ['"]\.\.\/(\.\.\/)?emulator\//)).toEqual([]);
  });

  it('workloads import nothing of the engine but types', () => {
    expect(offenders('workloads', /^import (?!type )[^;]*from ['"]\.\.\/engine\//m)).toEqual([]);
  });

  it('the emulator is synchronous: no Promise, async or await', () => {
    // `async` alone is a strategy's name; look for the syntax.
    expect(offenders('engine/emulator', /\bPromise\b|\basync\s+(function\b|\(|\w+\s*\()|\bawait\s/)).toEqual([]);
  });

  it('no source file is longer than 300 lines', () => {
    const long = sourceFiles(SRC).filter((file) => readFileSync(file, 'utf8').split('\n').length > 300);
    expect(long).toEqual([]);
  });
});
