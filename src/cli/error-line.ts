/** Longest error line: typed values are quoted shorter (`quote`), but paths and yargs' own messages are not. */
const MAX_LINE = 240;

/**
 * The one line an error becomes on stderr: `concur-tui: MESSAGE`. Messages quote what the user
 * typed, which may hold newlines or escape sequences; those become spaces, so the message stays
 * one line and cannot drive the terminal. A line longer than MAX_LINE keeps its start (what went
 * wrong) and its end (why, e.g. `(ENAMETOOLONG)`), joined by an ellipsis.
 */
export function errorLine(message: string): string {
  // C0 controls (newline, tab, escape…), DEL and the C1 range.
  const line = `concur-tui: ${message
    .replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()}`;
  const chars = Array.from(line);
  if (chars.length <= MAX_LINE) return line;
  const half = MAX_LINE / 2;
  return `${chars.slice(0, half).join('')}…${chars.slice(chars.length - half + 1).join('')}`;
}
