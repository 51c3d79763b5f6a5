import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/command-line.js';
import { COMMANDS } from '../../src/cli/command-names.js';
import { ROOT_HELP, STORED_HELP_COLUMNS, helpColumns, helpRequested, yargsSpeaksEnglish } from '../../src/cli/stored-help.js';

/** The build (vitest's global setup makes it): its stored help texts (scripts/stored-help.mjs). */
const STORED = fileURLToPath(new URL('../../dist/src/cli/stored-help/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/concur-tui', import.meta.url));

/** What yargs prints for `argv` at `columns`, in this process (yargs prints help through the console). */
async function yargsHelp(argv: string[], columns: number): Promise<string> {
  let printed = '';
  const { log } = console;
  console.log = (...parts: unknown[]) => void (printed += `${format(...parts)}\n`);
  try {
    await buildCli(argv, { columns }).parseAsync();
  } finally {
    console.log = log;
  }
  return printed;
}

/** `concur-tui ARGS` as a process: no terminal, so the help is 100 columns wide. */
const binary = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1', LC_ALL: 'en_US.UTF-8', ...env } });

describe('help texts stored by the build (issue 15: start-up)', () => {
  it('every command that has a help has it stored at every width, and nothing else is', () => {
    const expected = [ROOT_HELP, ...COMMANDS.filter((name) => !['help', 'completion'].includes(name))].flatMap((name) =>
      STORED_HELP_COLUMNS.map((columns) => `${name}.${columns}.txt`),
    );
    expect(readdirSync(STORED).sort()).toEqual(expected.sort());
  });

  it("each stored text is yargs' own output for that command line at that width", async () => {
    for (const file of readdirSync(STORED)) {
      const [, name, columns] = /^(.+)\.(\d+)\.txt$/.exec(file)!;
      const argv = name === ROOT_HELP ? ['--help'] : [name!, '--help'];
      const stored = readFileSync(join(STORED, file), 'utf8');
      expect(stored, file).toBe(await yargsHelp(argv, Number(columns)));
    }
  });

  it('the stored texts differ by width (the wrap is real: 80 columns wraps the root help more than 110)', () => {
    const lines = (columns: number) => readFileSync(join(STORED, `${ROOT_HELP}.${columns}.txt`), 'utf8').split('\n');
    expect(lines(80).length).toBeGreaterThan(lines(110).length);
    expect(Math.max(...lines(80).map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it.each(['--help', '-h', 'help', 'emulate --help', 'help emulate', 'dashboard -h', 'help cast-page'])(
    '`concur-tui %s` prints what yargs prints, exit 0',
    async (line) => {
      const argv = line.split(' ');
      const result = binary(argv);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const asked = argv[0] === 'help' ? (argv[1] === undefined ? ['--help'] : [argv[1], '--help']) : argv;
      expect(result.stdout).toBe(await yargsHelp(asked, 100));
    },
  );

  it('in another language, or for a command line that is more than a help, yargs answers', () => {
    expect(binary(['emulate', '--help'], { LC_ALL: 'fr_FR.UTF-8' }).stdout).toContain('Options :');
    const refused = binary(['help', 'nope']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('nope');
  });
});

describe('which command lines are only a help', () => {
  it('names the root help, or the command whose help is asked for', () => {
    expect(helpRequested(['--help'])).toBe(ROOT_HELP);
    expect(helpRequested(['-h'])).toBe(ROOT_HELP);
    expect(helpRequested(['help'])).toBe(ROOT_HELP);
    expect(helpRequested(['emulate', '--help'])).toBe('emulate');
    expect(helpRequested(['emulate', '-h'])).toBe('emulate');
    expect(helpRequested(['help', 'cast-page'])).toBe('cast-page');
  });

  it('anything more, or a word that cannot be a command, is left to yargs', () => {
    for (const argv of [
      [],
      ['emulate'],
      ['emulate', '--help', '--json'],
      ['--scenario', '--help'],
      ['help', '../x'],
      ['--help', '--help'],
      ['help', ROOT_HELP],
    ])
      expect(helpRequested(argv), argv.join(' ')).toBeNull();
  });

  it("reads yargs' locale as yargs does: English, C and POSIX are stored; any translation is not", () => {
    expect(yargsSpeaksEnglish({})).toBe(true);
    expect(yargsSpeaksEnglish({ LANG: 'en_GB.UTF-8' })).toBe(true);
    expect(yargsSpeaksEnglish({ LANG: 'C.UTF-8' })).toBe(true);
    expect(yargsSpeaksEnglish({ LC_ALL: 'POSIX' })).toBe(true);
    expect(yargsSpeaksEnglish({ LANG: 'de_DE.UTF-8' })).toBe(false);
    expect(yargsSpeaksEnglish({ LC_ALL: 'pt_BR', LANG: 'en_US' })).toBe(false);
    expect(yargsSpeaksEnglish({ LC_MESSAGES: 'fr_FR', LANG: 'en_US' })).toBe(false);
    expect(yargsSpeaksEnglish({ LC_ALL: 'en_US', LANG: 'ja_JP' })).toBe(true);
  });

  it('the width is the terminal’s, at most 110; 100 without one', () => {
    expect(helpColumns(undefined)).toBe(100);
    expect(helpColumns(80)).toBe(80);
    expect(helpColumns(200)).toBe(110);
  });
});
