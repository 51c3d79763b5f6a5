/** Most characters of a typed value an error message echoes: enough to recognise it. */
export const MAX_QUOTED = 60;

/**
 * A value the user typed, as every error message quotes it: `'4mss'`. A longer value (a pasted
 * file, a runaway `$(…)`) is cut with an ellipsis, so the message stays one readable line.
 */
export function quote(text: string): string {
  const chars = Array.from(text);
  return `'${chars.length <= MAX_QUOTED ? text : `${chars.slice(0, MAX_QUOTED - 1).join('')}…`}'`;
}
