import { quote } from '../engine/descriptors.js';

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`: optimal string alignment distance. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The command a mistyped word most likely meant (`emulat` → `emulate`, `senarios` → `scenarios`),
 * or undefined when none is close: a prefix of a command, or at most 2 edits (1 for short words).
 */
export function closestCommand(word: string, commands: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  const prefixed = commands.filter((command) => typed.length >= 2 && command.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: { command: string; distance: number } | undefined;
  for (const command of commands) {
    // At least as many edits as the lengths differ: a far longer word (a pasted blob) costs nothing.
    if (Math.abs(typed.length - command.length) > allowed) continue;
    const distance = editDistance(typed, command);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { command, distance };
  }
  return best?.command;
}

/** The refusal of a word that is not a command, with the likely one or the list. */
export function unknownCommandMessage(word: string, commands: readonly string[]): string {
  const suggestion = closestCommand(word, commands);
  return suggestion === undefined
    ? `unknown command ${quote(word)} (commands: ${commands.join(', ')})`
    : `unknown command ${quote(word)}: did you mean '${suggestion}'?`;
}

/** yargs' refusal of flags it does not know: `Unknown argument: stratgy` (or `Unknown arguments: a, b`). */
const UNKNOWN_FLAGS = /^Unknown arguments?: (.+)$/;

/**
 * yargs' unknown-flag message with the likely flags (`Unknown argument: stratgy: did you mean
 * --strategy?`), judged as commands are: a prefix, or a few edits. Only words typed as long
 * flags (`--stratgy`, `--stratgy=x`) are matched, against the flags of the command being parsed;
 * a stray word, a one-letter flag or a name close to nothing keeps yargs' message as it was.
 */
export function withFlagSuggestion(message: string, typed: readonly string[], known: readonly string[]): string {
  const names = UNKNOWN_FLAGS.exec(message)?.[1]?.split(', ');
  if (names === undefined) return message;
  const flags = known.filter((flag) => flag.length > 1);
  const typedAsFlag = (name: string) => typed.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  const suggestions = names.flatMap((name) => {
    const flag = name.length > 1 && typedAsFlag(name) ? closestCommand(name, flags) : undefined;
    return flag === undefined ? [] : [{ name, flag }];
  });
  if (suggestions.length === 0) return message;
  if (names.length === 1) return `${message}: did you mean --${suggestions[0]!.flag}?`;
  return `${message}: did you mean ${suggestions.map(({ name, flag }) => `--${flag} for ${name}`).join(', ')}?`;
}
