#!/usr/bin/env node
// Stores every help text of a build (scripts/build.mjs runs this on the compiled build):
//
//   node scripts/stored-help.mjs BUILD_DIR
//
// yargs renders each one here, at each width of STORED_HELP_COLUMNS, in English: the very text
// `concur-tui … --help` prints through yargs, which stays the one authority for commands and
// flags. A start that asks only for help then prints the stored file (src/cli/stored-help.ts)
// instead of loading yargs and every flag; test/cli/stored-help.test.ts checks each file
// against yargs' own output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

const [buildDir] = process.argv.slice(2);
if (!buildDir) {
  process.stderr.write('usage: node scripts/stored-help.mjs BUILD_DIR\n');
  process.exit(2);
}
const load = (path) => import(pathToFileURL(join(buildDir, 'src', 'cli', path)).href);
const { buildCli } = await load('command-line.js');
const { COMMANDS } = await load('command-names.js');
const { ROOT_HELP, STORED_HELP_COLUMNS, STORED_HELP_DIR, storedHelpFile, yargsSpeaksEnglish } = await load('stored-help.js');

if (!yargsSpeaksEnglish()) {
  process.stderr.write('stored-help: run with an English locale (LC_ALL=en_US.UTF-8): the stored texts are the English ones\n');
  process.exit(2);
}

/**
 * What `concur-tui ARGV` prints at `columns`, as the binary would (yargs prints help through the
 * console); null when it does more than print, or refuses (yargs has no `completion --help`):
 * that command line is left to yargs at run time.
 */
async function render(argv, columns) {
  let stdout = '';
  let stderr = '';
  const { log, error } = console;
  console.log = (...parts) => void (stdout += `${format(...parts)}\n`);
  console.error = (...parts) => void (stderr += `${format(...parts)}\n`);
  try {
    await buildCli(argv, { columns }).parseAsync();
  } catch {
    return null;
  } finally {
    console.log = log;
    console.error = error;
  }
  return stderr === '' && stdout !== '' && !process.exitCode ? stdout : null;
}

mkdirSync(fileURLToPath(STORED_HELP_DIR), { recursive: true });
const helps = [[ROOT_HELP, ['--help']], ...COMMANDS.filter((name) => name !== 'help').map((name) => [name, [name, '--help']])];
for (const columns of STORED_HELP_COLUMNS) {
  for (const [name, argv] of helps) {
    const text = await render(argv, columns);
    if (text !== null) writeFileSync(storedHelpFile(name, columns), text);
  }
}
