import type { Argv } from 'yargs';

/** An example in a command's help: the command line, and what it does. */
type HelpExample = readonly [command: string, does: string];

/**
 * Adds examples as a `# what it does` line above the command line, each on a line of its own.
 * yargs' two columns give a command at most half the width, so at 80 columns a longer command
 * broke mid-flag onto the next line. Commands must stay within 76 characters (80 less the indent).
 */
export function withExamples<T>(yargs: Argv<T>, examples: readonly HelpExample[]): Argv<T> {
  let withAll = yargs;
  for (const [command, does] of examples) withAll = withAll.example(`# ${does}`, '').example(command, '');
  return withAll;
}
