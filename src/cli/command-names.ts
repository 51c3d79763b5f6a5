/** Every command, for `help COMMAND`, the suggestion after a typo, and the code cache's file per command (code-cache.ts). */
export const COMMANDS = ['dashboard', 'emulate', 'run', 'demo', 'lesson', 'cast-page', 'calibrate', 'verify', 'pythons', 'scenarios', 'completion', 'help'];

/** The command `argv` runs, by its first word: the dashboard (the default command) when that is a flag or nothing; null for a word that is no command (a typo). */
export function commandOf(argv: readonly string[]): string | null {
  const [first] = argv;
  if (first === undefined || first.startsWith('-')) return 'dashboard';
  return COMMANDS.includes(first) ? first : null;
}
