import type { ChildProcess } from 'node:child_process';
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../engine/descriptors.js';
import { calibrateCommand } from './commands/calibrate.js';
import { castPageCommand } from './commands/cast-page.js';
import { dashboardCommand } from './commands/dashboard.js';
import { demoCommand } from './commands/demo.js';
import { lessonCommand } from './commands/lesson.js';
import { emulateCommand } from './commands/emulate.js';
import { runCommand } from './commands/run.js';
import { pythonsCommand } from './commands/pythons.js';
import { scenariosCommand } from './commands/scenarios.js';
import { verifyCommand } from './commands/verify.js';
import { helpCommand } from './commands/help.js';
import { unknownCommandMessage, withFlagSuggestion } from './command-suggestion.js';
import { packageVersion } from './package-info.js';
import { helpColumns } from './stored-help.js';
import { COMMANDS } from './command-names.js';
import { reportError } from './failure.js';

export interface CliOptions {
  columns?: number;
  spare?: ChildProcess | null;
}

/** `concur-tui --help` (or `help`) alone: the root help lists the commands, not the dashboard's ~35 flags. */
const isRootHelp = (argv: readonly string[]) => argv.length > 0 && argv.every((arg, i) => arg === '--help' || arg === '-h' || (i === 0 && arg === 'help'));

/** Parses `argv` and runs its command; a refusal or failure ends the process with its line and exit code (failure.ts). */
export async function runCommandLine(argv: string[], options: CliOptions = {}): Promise<void> {
  try {
    await buildCli(argv, options).parseAsync();
  } catch (error) {
    reportError(error);
  }
}

/**
 * Every command and flag of `concur-tui`; `parseAsync()` runs the command `argv` names. It never
 * ends the process for a refusal: a bad flag rejects with a UsageError (yargs' own messages
 * included), which `main.ts` turns into a line and an exit code through `failureOf`. Tests parse
 * command lines with it in-process (test/cli/run-cli.ts).
 * @param columns the help's width (the build renders the stored help at each of its widths).
 * @param spare the dashboard's emulation process, started ahead by main.ts (early-emulation.ts).
 */
export function buildCli(argv: string[], { columns = helpColumns(), spare = null }: CliOptions = {}): Argv {
  refuseUnderscoreFlag(argv);
  let cli = yargs(argv)
    .scriptName('concur-tui')
    .usage(
      "$0 [command] [options]\n\nA terminal lab for concurrency: real runs next to a CPython scheduler emulator.\nThe dashboard's flags: concur-tui help dashboard",
    )
    .version(packageVersion())
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    // After --help or --version the process ends by itself rather than by yargs' process.exit(0),
    // so a failed write of the text (`--help > /dev/full`) still reaches the stdout error handler.
    .exitProcess(false)
    .strict()
    // A flag given twice keeps its last value (as most tools do) instead of becoming an array
    // that every string flag would then have to reject.
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .wrap(columns)
    // yargs' script asks `concur-tui --get-yargs-completions …`; it writes zsh's when run from zsh.
    .completion('completion', 'print a completion script for bash or zsh (concur-tui completion >> ~/.bashrc)')
    .fail((message, error) => {
      // yargs reports its own validation failures (missing values, conflicts) as YError.
      if (error && error.name !== 'YError') throw error;
      // The dashboard, the default command, takes no words: a first word that is not a command
      // is a typo of one (yargs' recommendCommands stays silent when a default command exists).
      const first = argv[0];
      if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) throw new UsageError(unknownCommandMessage(first, COMMANDS));
      throw new UsageError(withFlagSuggestion(message ?? error?.message ?? 'invalid arguments', argv, knownFlags(cli)));
    });
  cli = dashboardCommand(cli, { brief: isRootHelp(argv), spare });
  for (const register of [
    emulateCommand,
    runCommand,
    demoCommand,
    lessonCommand,
    castPageCommand,
    calibrateCommand,
    verifyCommand,
    pythonsCommand,
    scenariosCommand,
  ])
    cli = register(cli);
  cli = helpCommand(cli, COMMANDS, async (words) => {
    await buildCli([...words, '--help'], { columns }).parseAsync();
  });
  skipHelpCache(cli);
  return cli;
}

/** yargs' own instance methods, missing from its types. */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders the whole help of a command as soon as its handler starts, in case the handler
 * then asks for it (`showHelp`). No handler here does (`help COMMAND` parses a command line of
 * its own), and that rendering cost every command 10–50 ms of its start (measuring the text
 * loads string-width). With another yargs that lacks these internals, nothing changes.
 */
function skipHelpCache(cli: Argv): void {
  const usage = (cli as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => {};
}

/**
 * yargs keeps the words that are not flags in `argv._`: a flag named `_` (`-_`, `--_=1`, `-x_`,
 * `--no-_`) overwrites that list and crashes yargs itself ("argv._.slice is not a function").
 * Refused as yargs refuses any unknown flag; after `--`, `-_` is a word like any other.
 */
function refuseUnderscoreFlag(argv: readonly string[]): void {
  const end = argv.indexOf('--');
  for (const arg of end < 0 ? argv : argv.slice(0, end)) {
    const long = /^--(?:no-)?_(?:=|$)/.test(arg);
    const short = /^-[^-=][^=]*$/.test(arg.split('=')[0]!) && arg.split('=')[0]!.includes('_');
    if (long || short) throw new UsageError('Unknown argument: _');
  }
}

/**
 * The flags (and aliases) of the command being parsed: yargs has just set them up on its one
 * instance when it fails. `getOptions` is yargs' own but missing from its types; without it
 * (another yargs), there is simply no suggestion.
 */
function knownFlags(cli: Argv): string[] {
  const options = (cli as unknown as { getOptions?: () => { key: Record<string, unknown> } }).getOptions?.();
  return options === undefined ? [] : Object.keys(options.key);
}
