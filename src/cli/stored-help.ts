import { readFileSync } from 'node:fs';

/**
 * The help's width: the terminal's, at most 110; without a terminal (a pipe, a file), 100. The
 * one rule for yargs' wrap and for which stored help text a start prints.
 */
export function helpColumns(columns: number | undefined = process.stdout.columns): number {
  return Math.min(110, columns || 100);
}

/**
 * The widths the build stores every help text at (scripts/stored-help.mjs): no terminal (100),
 * any terminal of 110 columns or more (110), and the classic 80. At another width, or in another
 * language, yargs renders the help as always (slower to start, the same text).
 */
export const STORED_HELP_COLUMNS = [80, 100, 110] as const;

/** Where the build writes them: beside this module (in the bundle too, whose `import.meta.url` is this file's). */
export const STORED_HELP_DIR = new URL('./stored-help/', import.meta.url);

/** The stored text's name for the root help (`--help`, `-h`, `help`): no command can be named so. */
export const ROOT_HELP = '_root';

const HELP_FLAGS = new Set(['--help', '-h']);
const COMMAND_NAME = /^[a-z][a-z-]*$/;

/**
 * The help a command line asks for and nothing else, by stored name: `--help`, `-h` and `help`
 * (the root), `COMMAND --help`, `COMMAND -h` and `help COMMAND`; null for anything else.
 */
export function helpRequested(argv: readonly string[]): string | null {
  const [first, second, ...rest] = argv;
  if (rest.length > 0 || first === undefined) return null;
  if (second === undefined) return HELP_FLAGS.has(first) || first === 'help' ? ROOT_HELP : null;
  if (first === 'help') return COMMAND_NAME.test(second) ? second : null;
  return HELP_FLAGS.has(second) && COMMAND_NAME.test(first) ? first : null;
}

/**
 * Whether yargs would print its help in English (the stored texts' language): yargs reads the
 * locale from these variables, in this order, and has no translation for English, C or POSIX.
 */
export function yargsSpeaksEnglish(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || 'en_US').replace(/[.:].*/, '');
  return /^(en(_.*)?|C|POSIX)$/.test(locale);
}

/** The stored file of help `name` at `columns`. */
export const storedHelpFile = (name: string, columns: number) => new URL(`${name}.${columns}.txt`, STORED_HELP_DIR);

/**
 * Prints the help `argv` asks for from the text the build stored, when it has one for this
 * width and language: `--help` then costs reading one file, not loading yargs and every flag
 * (issue 15: start-up). Returns false when yargs must answer (anything else, or no such text).
 */
export function printStoredHelp(argv: readonly string[]): boolean {
  const name = helpRequested(argv);
  if (name === null || !yargsSpeaksEnglish()) return false;
  let text: string;
  try {
    text = readFileSync(storedHelpFile(name, helpColumns()), 'utf8');
  } catch {
    return false; // not stored (another width, an unknown command, a build without them): yargs answers
  }
  process.stdout.write(text);
  return true;
}
