import { readLesson } from '../lesson-file.js';
import { castTheme } from '../theme-flags.js';
import type { ThemeFlags } from '../theme-options.js';
import { runLesson } from '../lesson-session.js';
import type { RecordingFlags } from '../recording-options.js';
import { checkFitsTerminal, checkHasAudience, fixedSize, openCast, terminalSize } from '../recording.js';

/** The flags of `lesson` and `demo`. */
export type LessonFlags = RecordingFlags & ThemeFlags;

/**
 * `concur-tui lesson FILE` (and `demo`, with the built-in lesson file): reads the lesson, then
 * plays it to the terminal (presenter keys: Space pause, n/p next/previous chapter, q quit) or,
 * without one, into the --record cast at once; exits with its code.
 */
export async function presentLessonFile(path: string, flags: LessonFlags, fallbackTitle: string): Promise<never> {
  const lesson = readLesson(path);
  const live = Boolean(process.stdout.isTTY && !process.env.CI && process.env.TERM !== 'dumb');
  const fixed = fixedSize(flags, process.stdout);
  checkHasAudience(fallbackTitle.replace(/^concur-tui /, ''), live, flags);
  if (live) checkFitsTerminal(fixed, process.stdout);
  const size = fixed ?? terminalSize();
  const cast = flags.record === undefined ? null : openCast(flags.record, size, lesson.title ?? fallbackTitle, flags.force ?? false);
  process.exit(await runLesson(lesson.chapters, { theme: castTheme(flags), fps: 15, size }, cast, live));
}
