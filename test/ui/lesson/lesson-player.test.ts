import { describe, expect, it } from 'vitest';
import { DEMO_LESSON } from '../../../src/cli/commands/demo.js';
import { parseLesson, readLesson } from '../../../src/cli/lesson-file.js';
import { type LessonChapter, LessonPlayer } from '../../../src/ui/lesson/lesson-player.js';
import { columnsOf } from '../../../src/ui/render/text.js';

const look = (unicode = true) => ({ theme: { color: false, unicode }, fps: 15, size: { columns: 80, rows: 24 } });
const lines = (player: LessonPlayer) => player.frame().toLines();
/** The presenter line: the last line drawn. */
const presenter = (player: LessonPlayer) => lines(player).at(-1)!;

/** Three short chapters on juggle, one core each (cheap to emulate). */
const three = (): LessonChapter[] =>
  parseLesson(
    [
      'scenario: juggle',
      'chapter: One',
      'caption: first words',
      'duration: 1s',
      'chapter: Two',
      'cores: 2',
      'caption: second words',
      'keys: Sleep 500ms Type "C"',
      'duration: 2s',
      'chapter: Three',
      'caption: third words',
      'duration: 1s',
    ].join('\n'),
    'three.lesson',
  ).chapters;

describe('the lesson player', () => {
  it('plays each chapter for its duration with its caption, then the next, then ends with 0', () => {
    const player = new LessonPlayer(three(), look());
    expect(lines(player)[1]).toBe('first words');
    expect(presenter(player)).toBe('1/3 One  Space pause · n next · p back · q quit');
    player.advance(999);
    expect(player.chapterIndex).toBe(0);
    player.advance(1);
    expect(player.chapterIndex).toBe(1);
    expect(lines(player)[1]).toBe('second words');
    expect(lines(player)[0]).toMatch(/^juggle │ 2 cores/);
    player.advance(600); // the chapter's keys: C at 500 ms
    expect(lines(player)[0]).toMatch(/^juggle │ 3 cores/);
    player.advance(1400 + 1000);
    expect(player.exitCode).toBe(0);
  });

  it('Space pauses the clock and the picture; Space again resumes', () => {
    const player = new LessonPlayer(three(), look());
    player.advance(200);
    expect(player.press(' ')).toEqual({ type: 'continue' });
    const frozen = player.frame();
    player.advance(5000);
    expect(player.chapterIndex).toBe(0);
    expect(player.frame().equals(frozen)).toBe(true);
    expect(presenter(player)).toBe('1/3 One  paused · Space resumes · n next · p back · q quit');
    player.press(' ');
    player.advance(800);
    expect(player.chapterIndex).toBe(1);
  });

  it('n and p go to the next and previous chapter, each from its start; n on the last ends, q quits, Ctrl-C is 130', () => {
    const player = new LessonPlayer(three(), look());
    player.press('n');
    expect([player.chapterIndex, lines(player)[0]]).toEqual([1, expect.stringMatching(/^juggle │ 2 cores/)]);
    player.advance(600);
    player.press('p');
    player.press('p'); // on the first chapter: it starts again
    expect(player.chapterIndex).toBe(0);
    player.press('n');
    player.press('n');
    expect(presenter(player)).toMatch(/^3\/3 Three/);
    expect(player.press('n')).toEqual({ type: 'quit', exitCode: 0 });
    expect(new LessonPlayer(three(), look()).press('q')).toEqual({ type: 'quit', exitCode: 0 });
    expect(new LessonPlayer(three(), look()).press('\u0003')).toEqual({ type: 'quit', exitCode: 130 });
  });

  it('other keys do nothing in a lesson', () => {
    const player = new LessonPlayer(three(), look());
    const before = player.frame();
    for (const key of ['C', '\t', 'g', '?']) expect(player.press(key)).toEqual({ type: 'continue' });
    expect(player.frame().equals(before)).toBe(true);
  });
});

describe('the built-in lesson (concur-tui demo) at 80×24', () => {
  const demo = readLesson(DEMO_LESSON);

  it('has captions of at most 80 columns, each shown whole while its chapter plays', () => {
    const player = new LessonPlayer(demo.chapters, look());
    for (const chapter of demo.chapters) {
      expect(columnsOf(chapter.caption), chapter.caption).toBeLessThanOrEqual(80);
      expect(lines(player)[1]).toBe(chapter.caption);
      expect(lines(player)[0]).not.toMatch(/…$/);
      player.press('n');
    }
    expect(player.exitCode).toBe(0);
  });

  it('takes about 45 s, the threads chapter in the per-core view', () => {
    expect(demo.chapters.reduce((sum, chapter) => sum + chapter.durationMs, 0)).toBe(42_000);
    const player = new LessonPlayer(demo.chapters, look());
    player.press('n');
    expect(lines(player).join('\n')).toMatch(/core 0/);
  });

  it('keeps to ASCII with --ascii, captions and presenter line included', () => {
    const player = new LessonPlayer(demo.chapters, look(false));
    for (let i = 0; i < demo.chapters.length; i++) {
      player.advance(3000);
      expect(lines(player).join('\n')).toMatch(/^[\x20-\x7e\n]*$/);
      player.press('n');
    }
  });
});
