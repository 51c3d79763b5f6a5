import type { Argv } from 'yargs';
import { withExamples } from '../help-examples.js';
import { labelAsNumbers } from '../help-labels.js';
import { type Lesson, readLesson } from '../lesson-file.js';
import { runLesson } from '../lesson-session.js';
import { THEME_OPTIONS, castTheme, type ThemeFlags } from '../theme-flags.js';
import { RECORDING_OPTIONS, type RecordingFlags, checkFitsTerminal, checkHasAudience, fixedSize, openCast, terminalSize } from '../recording.js';

/** The flags of `lesson` and `demo`. */
export type LessonFlags = RecordingFlags & ThemeFlags;

/** The options both commands take. */
export function lessonOptions(command: Argv): Argv {
  return labelAsNumbers(command.options(RECORDING_OPTIONS).options(THEME_OPTIONS), ['cols', 'rows']);
}

/**
 * Plays a lesson to the terminal (presenter keys: Space pause, n/p next/previous chapter, q quit)
 * or, without one, into the --record cast at once; exits with its code.
 */
export async function presentLesson(lesson: Lesson, flags: LessonFlags, fallbackTitle: string): Promise<never> {
  const live = Boolean(process.stdout.isTTY && !process.env.CI && process.env.TERM !== 'dumb');
  const fixed = fixedSize(flags, process.stdout);
  checkHasAudience(fallbackTitle.replace(/^concur-tui /, ''), live, flags);
  if (live) checkFitsTerminal(fixed, process.stdout);
  const size = fixed ?? terminalSize();
  const cast = flags.record === undefined ? null : openCast(flags.record, size, lesson.title ?? fallbackTitle, flags.force ?? false);
  process.exit(await runLesson(lesson.chapters, { theme: castTheme(flags), fps: 15, size }, cast, live));
}

export function lessonCommand(yargs: Argv): Argv {
  return yargs.command(
    'lesson <file>',
    'present a lesson file: chapters of scenarios, captions and keys',
    (command) =>
      lessonOptions(
        withExamples(command.positional('file', { type: 'string', describe: 'the lesson file' }), [
          ['$0 lesson gil.lesson', 'present it: Space pauses, n/p change chapter, q quits'],
          ['$0 lesson gil.lesson --record gil.cast --cols 80 --rows 24', 'record it as a cast'],
        ]),
      ),
    async (argv) => {
      const flags = argv as unknown as LessonFlags & { file: string };
      await presentLesson(readLesson(flags.file), flags, 'concur-tui lesson');
    },
  );
}
