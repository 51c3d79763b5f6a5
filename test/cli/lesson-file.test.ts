import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { parseLesson, readLesson } from '../../src/cli/lesson-file.js';

const errorOf = (text: string): string => {
  try {
    parseLesson(text, 'gil.lesson');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('lesson files', () => {
  it('chapters take the lesson-wide parameters, their own over them, a caption and a duration or keys', () => {
    const lesson = parseLesson(
      [
        '# a comment',
        'title: The GIL',
        'scenario: juggle',
        'cores: 1',
        '',
        'chapter: One core',
        'caption: Threads take turns.',
        'duration: 2s',
        '',
        'chapter: Two cores',
        'cores: 2',
        'tasks: cpu:30ms,cpu:30ms',
        'keys: Tab Sleep 500ms',
        'keys: Type "+" Sleep .5',
      ].join('\n'),
      'gil.lesson',
    );
    expect(lesson.title).toBe('The GIL');
    const [first, second] = lesson.chapters;
    expect(first).toMatchObject({ title: 'One core', caption: 'Threads take turns.', durationMs: 2000, steps: [] });
    expect(first!.initial).toMatchObject({ scenario: 'juggle' });
    expect(second).toMatchObject({ title: 'Two cores', caption: 'Two cores', durationMs: 1000 });
    expect(second!.initial).toMatchObject({ scenario: 'tasks' });
    expect(second!.initial.params.cores).toBe(2);
    expect(second!.steps.map((step) => step.type)).toEqual(['keys', 'sleep', 'keys', 'sleep']);
  });

  it.each([
    ['chapter One', "gil.lesson:1: expected 'name: value' (e.g. chapter: Threads), not 'chapter One'"],
    [
      'chapter: A\nduration: 1s\ncolour: red',
      "gil.lesson:3: unknown field 'colour' here (expected caption, duration, keys, scenario, tasks or a parameter; see docs/lessons.md)",
    ],
    ['caption: x\nchapter: A\nduration: 1s', "gil.lesson:1: unknown field 'caption' here (expected title, chapter or a parameter; see docs/lessons.md)"],
    ['title: a\ntitle: b', 'gil.lesson:2: the lesson has a title already'],
    ['# nothing\n', "gil.lesson:2: a lesson needs at least one chapter (a 'chapter: NAME' line)"],
    ['chapter: A\ncaption:', 'gil.lesson:2: caption needs a value'],
    ['chapter: A', "gil.lesson:1: chapter 'A' needs a duration or keys"],
    ['chapter: A\nduration: soon', "gil.lesson:2: duration: 'soon' is not a duration of at most 1 hour (e.g. 6.5s)"],
    ['chapter: A\nduration: 1s\nduration: 2s', 'gil.lesson:3: duration is given twice (first on line 2)'],
    ['chapter: A\nkeys: Sleep 3s\nduration: 2s', "gil.lesson:3: the chapter's keys take 3s, longer than its duration"],
    ['chapter: A\n\nkeys: Tab Typo', "gil.lesson:3: unknown command 'Typo'"],
    ['chapter: A\nkeys: Screenshot a.svg', "gil.lesson:2: keys: only keys, Type and Sleep belong in a lesson's keys"],
    ['chapter: A\nkeys: Type "q"', 'gil.lesson:2: keys: q and Ctrl+C would quit the lesson; leave them to the presenter'],
    ['chapter: A\nduration: 1s\ncores: 0', "gil.lesson:3: cores: '0' must be a whole number from 1 to 1024"],
    ['cores: 0\nchapter: A\nduration: 1s', "gil.lesson:1: cores: '0' must be a whole number from 1 to 1024"],
    ['chapter: A\nduration: 1s\nscenario: count\ntasks: 1ms', 'gil.lesson:4: a chapter has a scenario or tasks, not both'],
    ['chapter: A\nduration: 1s\ntasks: cpu:x', "gil.lesson:3: tasks, task 1 cpu phase: 'x' is not a duration"],
    ['chapter: A\nduration: 1s\nscenario: nope', "gil.lesson:1: unknown scenario 'nope'"],
  ])('%j → %s', (text, message) => {
    expect(errorOf(text)).toContain(message);
    expect(errorOf(text)).not.toContain('\n');
  });

  it('is read only from a regular file of at most 1 MiB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concur-lesson-'));
    const big = join(dir, 'big.lesson');
    writeFileSync(big, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(() => readLesson(big)).toThrow(`lesson: ${big} is larger than the limit of 1 MiB`);
    expect(() => readLesson('/dev/zero')).toThrow('lesson: /dev/zero is not a regular file');
    expect(() => readLesson(dir)).toThrow(`lesson: ${dir} is not a regular file`);
    expect(() => readLesson(join(dir, 'none.lesson'))).toThrow(`lesson: cannot read ${join(dir, 'none.lesson')} (ENOENT)`);
  });
});
