import type { Argv } from 'yargs';

/**
 * Labels string flags `[number]` in --help. The parser still keeps them strings (yargs never
 * coerces a flag declared a string), so a bad value is quoted back as it was typed
 * (`--fps: 'abc' must be …`) rather than as NaN; a test pins both halves.
 */
export function labelAsNumbers<T>(yargs: Argv<T>, keys: readonly string[]): Argv<T> {
  return yargs.number([...keys]) as unknown as Argv<T>;
}

/** Puts flags under headings in --help, each flag under the first heading that names it. */
export function groupFlags<T>(yargs: Argv<T>, groups: readonly (readonly [heading: string, keys: readonly string[]])[]): Argv<T> {
  const placed = new Set<string>();
  let grouped = yargs;
  for (const [heading, keys] of groups) {
    const fresh = keys.filter((key) => !placed.has(key));
    for (const key of fresh) placed.add(key);
    grouped = grouped.group(fresh, heading);
  }
  return grouped;
}
