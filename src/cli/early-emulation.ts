import type { ChildProcess } from 'node:child_process';

/** A terminal to draw in and read keys from (not CI; not TERM=dumb, which cannot address the cursor): the live dashboard, else its final table or a script's cast. */
export const isInteractive = () => Boolean(process.stdout.isTTY && process.stdin.isTTY && !process.env.CI && process.env.TERM !== 'dumb');

/** Flags after which the command line does something else than open the live dashboard (a help, the version, a tape, completions). */
const NOT_LIVE = /^(--help|-h|--version|-v|--script(=.*)?|--get-yargs-completions)$/;

/**
 * Whether `argv` can only open the live dashboard (the default command): no command word but
 * `dashboard` in front, no flag that makes it something else. A refusal of a flag later is
 * still possible: the process started for it then ends with the dashboard's.
 */
export function opensLiveDashboard(argv: readonly string[]): boolean {
  const [first] = argv;
  if (first !== undefined && first !== 'dashboard' && !first.startsWith('-')) return false;
  return !argv.some((arg) => NOT_LIVE.test(arg));
}

/**
 * Starts the dashboard's emulation process first thing, before yargs and the flags load, when
 * the command line can only be the live dashboard: its first picture waits for that process,
 * whose Node start (~40 ms) then overlaps the parse instead of following it (issue 15).
 * @returns the process, which main.ts hands to the command line (null when none was started).
 *   Handed over, not kept in this module: the command line is a bundle of its own, with its own
 *   copy of every module it holds (scripts/bundle.mjs).
 */
export async function startEmulationEarly(argv: readonly string[]): Promise<ChildProcess | null> {
  if (!isInteractive() || !opensLiveDashboard(argv)) return null;
  // Loaded only here: child_process costs every other start ~5 ms.
  const { spawnEmulationProcess } = await import('../ui/emulation-process.js');
  return spawnEmulationProcess();
}
