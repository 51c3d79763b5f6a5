import type { Argv } from 'yargs';
import type { LessonFlags } from '../actions/lesson.js';
import { withExamples } from '../help-examples.js';
import { labelAsNumbers } from '../help-labels.js';
import { RECORDING_OPTIONS } from '../recording-options.js';
import { THEME_OPTIONS } from '../theme-options.js';

/** The options both commands take. */
export function lessonOptions(command: Argv): Argv {
  return labelAsNumbers(command.options(RECORDING_OPTIONS).options(THEME_OPTIONS), ['cols', 'rows']);
}

/** Registers `lesson FILE`; reading and playing lessons (the dashboard's program) loads only when it runs. */
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
      const { presentLessonFile } = await import('../actions/lesson.js');
      await presentLessonFile(flags.file, flags, 'concur-tui lesson');
    },
  );
}
