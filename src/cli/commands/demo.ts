import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import type { LessonFlags } from '../actions/lesson.js';
import { withExamples } from '../help-examples.js';
import { lessonOptions } from './lesson.js';

/** The built-in lesson, a lesson file like any other (shipped beside the code that plays it). */
export const DEMO_LESSON = fileURLToPath(new URL('../../ui/lesson/demo.lesson', import.meta.url));

export function demoCommand(yargs: Argv): Argv {
  return yargs.command(
    'demo',
    'the built-in lesson: threads and the GIL, processes, async, the convoy',
    (command) =>
      lessonOptions(
        withExamples(command, [
          ['$0 demo', 'present it: Space pauses, n/p change chapter, q quits'],
          ['$0 demo --record tour.cast --cols 80 --rows 24', 'a 42-second cast for a talk or a README'],
        ]),
      ),
    async (argv) => {
      const { presentLessonFile } = await import('../actions/lesson.js');
      await presentLessonFile(DEMO_LESSON, argv as LessonFlags, 'concur-tui demo');
    },
  );
}
